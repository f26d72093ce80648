from django.db import migrations, models
from django.db.models import Exists, OuterRef


def confirm_flows_entered_by_members(apps, schema_editor):
    """Flows a member of the company entered count as confirmed by the company."""
    Flow = apps.get_model("bourseflux", "Flow")
    Membership = apps.get_model("accounts", "Membership")
    by_member = Membership.objects.filter(
        user_id=OuterRef("created_by_id"), organisation_id=OuterRef("organisation_id"), status="active"
    )
    for flow in (
        Flow.objects.filter(company_confirmed_at__isnull=True)
        .filter(Exists(by_member))
        .only("pk", "created_at", "created_by_id")
    ):
        Flow.objects.filter(pk=flow.pk).update(
            company_confirmed_at=flow.created_at, company_confirmed_by=flow.created_by_id
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_membership_receive_flow_mail"),
        ("bourseflux", "0007_company_inventory"),
    ]

    operations = [
        migrations.AddField(
            model_name="flow",
            name="hide_company",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Other companies and visitors see “a company in” your department or province instead of your "
                    "name, until you answer their interest in this flow. Facilitators always see it."
                ),
                verbose_name="hide the company's name",
            ),
        ),
        migrations.RunPython(confirm_flows_entered_by_members, migrations.RunPython.noop),
    ]
