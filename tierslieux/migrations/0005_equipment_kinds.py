"""Equipment kinds become bilingual reference data: the free-text kind of each existing piece of
equipment is mapped to a kind code (by the words it holds, in French, Italian or English), and
what cannot be mapped becomes "other" with its old text kept in the equipment's name."""

import re

import django.db.models.deletion
from django.db import migrations, models

# The kinds existing rows can map to (the loader adds the others and keeps the labels up to date).
KINDS = {
    "3d-printer": ("Imprimante 3D", "Stampante 3D"),
    "laser-cutter": ("Découpeuse laser", "Macchina per taglio laser"),
    "cnc-mill": ("Fraiseuse CNC", "Fresa CNC"),
    "electronics-bench": ("Poste d'électronique", "Banco di elettronica"),
    "robot-arm": ("Robot collaboratif", "Robot collaborativo"),
    "tensile-tester": ("Machine de traction", "Dinamometro"),
    "meeting-room": ("Salle de réunion", "Sala riunioni"),
    "other": ("Autre équipement", "Altra attrezzatura"),
}
# First match wins: specific words before general ones.
PATTERNS = [
    (r"3d|impression|imprimante|stampant|printer", "3d-printer"),
    (r"laser", "laser-cutter"),
    (r"cnc|fraiseuse|fresa|fresatrice|mill", "cnc-mill"),
    (r"[ée]lectroni|elettronic|saldatura|soudure|solder", "electronics-bench"),
    (r"robot|cobot", "robot-arm"),
    (r"dynamom|dinamom|traction|trazione|tensile", "tensile-tester"),
    (r"salle|sala|room", "meeting-room"),
]


def kind_code(text: str) -> str:
    text = (text or "").lower()
    for pattern, code in PATTERNS:
        if re.search(pattern, text):
            return code
    return "other"


def forward(apps, schema_editor) -> None:
    EquipmentKind = apps.get_model("tierslieux", "EquipmentKind")
    Equipment = apps.get_model("tierslieux", "Equipment")
    kinds: dict[str, int] = {}
    for equipment in Equipment.objects.all():
        code = kind_code(equipment.kind)
        if code not in kinds:
            name_fr, name_it = KINDS[code]
            kind, _created = EquipmentKind.objects.get_or_create(
                code=code,
                defaults={"name": name_fr, "name_fr": name_fr, "name_it": name_it, "is_room": code == "meeting-room"},
            )
            kinds[code] = kind.pk
        equipment.kind_ref_id = kinds[code]
        if code == "other" and equipment.kind and equipment.kind.lower() not in equipment.name.lower():
            equipment.name = f"{equipment.kind} {equipment.name}"[:200]
        equipment.save(update_fields=["kind_ref", "name"])


def backward(apps, schema_editor) -> None:
    Equipment = apps.get_model("tierslieux", "Equipment")
    for equipment in Equipment.objects.select_related("kind_ref"):
        equipment.kind = equipment.kind_ref.name_fr or equipment.kind_ref.code
        equipment.save(update_fields=["kind"])


class Migration(migrations.Migration):
    dependencies = [
        ("tierslieux", "0004_search_documents"),
    ]

    operations = [
        migrations.CreateModel(
            name="EquipmentKind",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.SlugField(max_length=40, unique=True, verbose_name="code")),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                ("name_fr", models.CharField(max_length=100, null=True, verbose_name="name")),
                ("name_it", models.CharField(max_length=100, null=True, verbose_name="name")),
                ("is_room", models.BooleanField(default=False, verbose_name="room")),
                ("sort_order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
            ],
            options={
                "verbose_name": "kind of equipment",
                "verbose_name_plural": "kinds of equipment",
                "ordering": ["sort_order", "code"],
            },
        ),
        migrations.AddField(
            model_name="equipment",
            name="kind_ref",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="tierslieux.equipmentkind",
            ),
        ),
        migrations.RunPython(forward, backward),
        migrations.AlterModelOptions(
            name="equipment",
            options={"ordering": ["name"], "verbose_name": "equipment", "verbose_name_plural": "equipment"},
        ),
        migrations.RemoveField(model_name="equipment", name="kind"),
        migrations.RenameField(model_name="equipment", old_name="kind_ref", new_name="kind"),
        migrations.AlterField(
            model_name="equipment",
            name="kind",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="equipment",
                to="tierslieux.equipmentkind",
                verbose_name="kind",
            ),
        ),
        migrations.AlterModelOptions(
            name="equipment",
            options={
                "ordering": ["kind__sort_order", "name"],
                "verbose_name": "equipment",
                "verbose_name_plural": "equipment",
            },
        ),
    ]
