from django.db import migrations

import circuito.search.fields


def index_organisations(apps, schema_editor) -> None:
    from circuito.accounts.search import organisation_search_document

    organisation = apps.get_model("accounts", "Organisation")
    rows = list(organisation.objects.select_related("commune"))
    for row in rows:
        row.search_document = organisation_search_document(row)
    organisation.objects.bulk_update(rows, ["search_document"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_user_receive_digests")]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="search_document",
            field=circuito.search.fields.SearchDocumentField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(index_organisations, migrations.RunPython.noop),
        circuito.search.fields.gin_index("accounts.Organisation"),
    ]
