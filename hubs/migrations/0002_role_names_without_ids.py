"""Hub workflows, groups and collections were named with the hub's id ("Moderasi — Hub JIPP
Sulawesi Utara (#10)", "Hub 10: ..."); editors read these names in the admin, so the ids go
(issue 13). A group keeps its id when the plain name is taken: group names are unique."""
import re

from django.db import migrations

SUFFIX = re.compile(r" \(#\d+\)$")


def drop_ids(apps, schema_editor):
    HubRoles = apps.get_model("hubs", "HubRoles")
    Group = apps.get_model("auth", "Group")
    for roles in HubRoles.objects.select_related("workflow", "coordinators", "agency_editors", "collection", "hub"):
        workflow = roles.workflow
        if SUFFIX.search(workflow.name):
            workflow.name = SUFFIX.sub("", workflow.name)
            workflow.save(update_fields=["name"])
        for group in (roles.coordinators, roles.agency_editors):
            plain = SUFFIX.sub("", group.name)
            if plain != group.name and not Group.objects.filter(name=plain).exists():
                group.name = plain
                group.save(update_fields=["name"])
        collection = roles.collection
        if re.match(rf"^Hub {roles.hub_id}: ", collection.name):
            collection.name = collection.name.split(": ", 1)[1]
            collection.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [("hubs", "0001_initial"), ("wagtailcore", "0098_apitoken"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(drop_ids, migrations.RunPython.noop)]
