from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("tierslieux", "0007_place_contacts_error_reports"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="place", name="place_country"),
        migrations.AddIndex(model_name="place", index=models.Index(fields=["status", "name"], name="place_directory")),
        migrations.AddIndex(
            model_name="place",
            index=models.Index(fields=["status", "country", "name"], name="place_country_name"),
        ),
    ]
