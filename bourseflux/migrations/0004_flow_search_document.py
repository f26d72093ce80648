from django.db import migrations

import circuito.search.fields


def index_flows(apps, schema_editor) -> None:
    from bourseflux.search import flow_search_document

    flow = apps.get_model("bourseflux", "Flow")
    batch = []
    for row in flow.objects.select_related("category__parent", "ewc").iterator(chunk_size=2000):
        row.search_document = flow_search_document(row)
        batch.append(row)
        if len(batch) >= 2000:
            flow.objects.bulk_update(batch, ["search_document"], batch_size=500)
            batch = []
    flow.objects.bulk_update(batch, ["search_document"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("bourseflux", "0003_ewc_search_document")]

    operations = [
        migrations.AddField(
            model_name="flow",
            name="search_document",
            field=circuito.search.fields.SearchDocumentField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(index_flows, migrations.RunPython.noop),
        circuito.search.fields.gin_index("bourseflux.Flow"),
    ]
