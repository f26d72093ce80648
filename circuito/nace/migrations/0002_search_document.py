from django.db import migrations

import circuito.search.fields


def index_activities(apps, schema_editor) -> None:
    from circuito.search import document

    activity = apps.get_model("nace", "NaceActivity")
    subclass = apps.get_model("nace", "NationalSubclass")
    labels: dict[int, list[str]] = {}
    for class_id, label in subclass.objects.values_list("nace_class_id", "label"):
        labels.setdefault(class_id, []).append(label)
    rows = list(activity.objects.only("pk", "code", "label_fr", "label_it"))
    for row in rows:
        row.search_document = document(
            row.code, row.code.replace(".", ""), row.label_fr, row.label_it, *labels.get(row.pk, [])
        )
    activity.objects.bulk_update(rows, ["search_document"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("nace", "0001_initial")]

    operations = [
        migrations.RemoveField(model_name="naceactivity", name="search_text"),
        migrations.AddField(
            model_name="naceactivity",
            name="search_document",
            field=circuito.search.fields.SearchDocumentField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(index_activities, migrations.RunPython.noop),
        circuito.search.fields.gin_index("nace.NaceActivity"),
    ]
