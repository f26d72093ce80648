from django.db import migrations

import circuito.search.fields

INDEXED = ("Place", "News", "Project", "Event", "InnovationNeed", "B2BProfile")


def index_records(apps, schema_editor) -> None:
    # The builders read only fields that exist at this point, so historical models do.
    from tierslieux.search_index import refresh

    for name in INDEXED:
        refresh(apps.get_model("tierslieux", name).objects.all())


class Migration(migrations.Migration):
    dependencies = [
        ("tierslieux", "0003_request_read"),
        ("search", "0001_initial"),
    ]

    operations = [
        *[
            migrations.AddField(
                model_name=name.lower(),
                name="search_document",
                field=circuito.search.fields.SearchDocumentField(blank=True, default="", editable=False),
            )
            for name in INDEXED
        ],
        migrations.RunPython(index_records, migrations.RunPython.noop),
        *[circuito.search.fields.gin_index(f"tierslieux.{name}") for name in INDEXED],
    ]
