from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("ideas", "0010_similar_search")]

    operations = []
