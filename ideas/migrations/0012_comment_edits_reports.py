from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("ideas", "0011_coauthor_invitations_follows")]

    operations = []
