from django.db import migrations

import circuito.search.fields


def index_communes(apps, schema_editor) -> None:
    from circuito.search import document

    commune = apps.get_model("geo", "Commune")
    batch = []
    for row in commune.objects.only("pk", "name", "alt_name").iterator(chunk_size=2000):
        row.search_document = document(row.name, row.alt_name, stem=False)
        batch.append(row)
        if len(batch) >= 2000:
            commune.objects.bulk_update(batch, ["search_document"])
            batch = []
    commune.objects.bulk_update(batch, ["search_document"])


class Migration(migrations.Migration):
    dependencies = [("geo", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="commune",
            name="search_document",
            field=circuito.search.fields.SearchDocumentField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(index_communes, migrations.RunPython.noop),
        circuito.search.fields.gin_index("geo.Commune"),
    ]
