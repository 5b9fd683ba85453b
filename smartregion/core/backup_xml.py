"""The backup's fixture format ("backup-xml", settings.SERIALIZATION_MODULES): Django's XML, except that a
reference to a content type is written by its natural key (app label, model). Content type ids are given out
by `migrate` in the order it meets the models, so they differ between a long-lived database and a fresh one;
a generic relation (an inbox entry's object, a watch) must point at the same model after a restore. Django's
XML deserializer reads natural keys wherever the file has them, so `loaddata` reads this format as plain XML."""

from django.contrib.contenttypes.models import ContentType
from django.core.serializers import xml_serializer


class Serializer(xml_serializer.Serializer):
    def handle_fk_field(self, obj, field):
        if field.remote_field.model is not ContentType:
            return super().handle_fk_field(obj, field)
        self.use_natural_foreign_keys = True
        try:
            return super().handle_fk_field(obj, field)
        finally:
            self.use_natural_foreign_keys = False


Deserializer = xml_serializer.Deserializer
