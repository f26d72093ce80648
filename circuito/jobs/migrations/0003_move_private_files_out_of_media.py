# Private files used to live in MEDIA_ROOT/private, inside the public media tree. PRIVATE_ROOT now
# defaults to a folder of its own: move what an existing installation holds there, keeping each
# file's relative path (the name the database rows hold). Nothing to do on a new installation.

from django.conf import settings
from django.db import migrations


def move_private_files(apps, schema_editor):
    from circuito.files import move_legacy_private_files

    if settings.MEDIA_ROOT and settings.PRIVATE_ROOT:
        move_legacy_private_files(settings.MEDIA_ROOT, settings.PRIVATE_ROOT)


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0002_private_file_names"),
    ]

    operations = [
        migrations.RunPython(move_private_files, migrations.RunPython.noop, elidable=True),
    ]
