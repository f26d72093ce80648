from django.db import migrations

import circuito.search.fields


def index_codes(apps, schema_editor) -> None:
    from bourseflux.loaders import EWC_KEYWORDS_FILE, read_csv
    from circuito.search import document

    ewc = apps.get_model("bourseflux", "EwcCode")
    keywords = {row["code"]: row["keywords"] for row in read_csv(EWC_KEYWORDS_FILE)}
    rows = list(ewc.objects.only("pk", "code", "label_fr", "label_it"))
    for row in rows:
        row.search_document = document(
            row.code.replace(" ", ""), row.code, row.label_fr, row.label_it, keywords.get(row.code, "")
        )
    ewc.objects.bulk_update(rows, ["search_document"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("bourseflux", "0002_private_file_names")]

    operations = [
        migrations.RemoveField(model_name="ewccode", name="search_text"),
        migrations.AddField(
            model_name="ewccode",
            name="search_document",
            field=circuito.search.fields.SearchDocumentField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(index_codes, migrations.RunPython.noop),
        circuito.search.fields.gin_index("bourseflux.EwcCode"),
    ]
