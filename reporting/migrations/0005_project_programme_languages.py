# The programme's name in both languages (the Italian report showed it in French).

from django.db import migrations, models

PROGRAMME = {
    "fr": "Interreg V-A France-Italie ALCOTRA 2014-2020, PITEM CLIP, projet simple n. 3",
    "it": "Interreg V-A Francia-Italia ALCOTRA 2014-2020, PITEM CLIP, progetto semplice n. 3",
}


def fill_languages(apps, schema_editor):
    Project = apps.get_model("reporting", "Project")
    for project in Project.objects.all():
        project.programme_fr = project.programme_fr or project.programme
        if not project.programme_it and project.programme == PROGRAMME["fr"]:
            project.programme_it = PROGRAMME["it"]
        project.save(update_fields=["programme_fr", "programme_it"])


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0004_report_versions_monitoring_languages"),
    ]

    operations = [
        migrations.AddField(
            model_name="project",
            name="programme_fr",
            field=models.CharField(blank=True, max_length=250, null=True, verbose_name="programme"),
        ),
        migrations.AddField(
            model_name="project",
            name="programme_it",
            field=models.CharField(blank=True, max_length=250, null=True, verbose_name="programme"),
        ),
        migrations.RunPython(fill_languages, migrations.RunPython.noop),
    ]
