"""The peer's side of bench/peer_import.py, run in its own virtualenv (bench/peer/requirements.txt):
django-import-export 4 importing the same CSV into a customers model on the same PostgreSQL
server, set up as its documentation's "Bulk imports" page advises for speed.

    python django_import_export_run.py DSN FILE.csv   → one JSON line of timings

Its advice, all taken: bulk mode (`use_bulk`, `batch_size = 1000`), no instance lookups for
rows that are all new (`force_init_instance`), no diffs (`skip_diff`), no HTML diffs, a
transaction around the import. The preview is its dry run (`dry_run=True`: every row
processed, the bulk inserts run in a transaction that is rolled back), the commit the same
call with `dry_run=False`: the two steps an admin goes through in its UI.
"""

import json
import sys
import time
from urllib.parse import urlparse

import django
from django.conf import settings

dsn, csv_path = urlparse(sys.argv[1]), sys.argv[2]
settings.configure(
    DEBUG=False,
    USE_TZ=True,
    INSTALLED_APPS=["django.contrib.contenttypes", "import_export"],
    DATABASES={
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": dsn.path.lstrip("/"),
            "USER": dsn.username or "postgres",
            "PASSWORD": dsn.password or "",
            "HOST": dsn.hostname or "127.0.0.1",
            "PORT": str(dsn.port or 5432),
        }
    },
)
django.setup()

import tablib  # noqa: E402
from django.db import connection, models  # noqa: E402
from import_export import fields, resources, widgets  # noqa: E402


class Customer(models.Model):
    """The columns of the file, indexed as a customer base is looked up (email, phone, name)."""

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100, db_index=True)
    email = models.EmailField(unique=True, null=True)
    phone = models.CharField(max_length=32, unique=True, null=True)
    birth_date = models.DateField(null=True)
    city = models.CharField(max_length=100, blank=True)
    street = models.CharField(max_length=200, blank=True)
    building = models.CharField(max_length=20, blank=True)
    postal_code = models.CharField(max_length=12, blank=True)
    marketing_consent = models.BooleanField(default=False)
    tags = models.CharField(max_length=200, blank=True)

    class Meta:
        app_label = "import_export"
        db_table = "peer_customer"


class CustomerResource(resources.ModelResource):
    first_name = fields.Field("first_name", column_name="Imię")
    last_name = fields.Field("last_name", column_name="Nazwisko")
    email = fields.Field("email", column_name="E-mail")
    phone = fields.Field("phone", column_name="Telefon")
    birth_date = fields.Field(
        "birth_date", column_name="Data urodzenia", widget=widgets.DateWidget("%d.%m.%Y")
    )
    city = fields.Field("city", column_name="Miasto")
    street = fields.Field("street", column_name="Ulica")
    building = fields.Field("building", column_name="Nr domu")
    postal_code = fields.Field("postal_code", column_name="Kod pocztowy")
    marketing_consent = fields.Field(
        "marketing_consent", column_name="Zgoda marketingowa",
        widget=widgets.BooleanWidget(),
    )  # fmt: skip
    tags = fields.Field("tags", column_name="Tagi")

    def before_import_row(self, row, **kwargs):  # type: ignore[no-untyped-def]
        # Its BooleanWidget knows "1"/"0" and "true"/"false"; the shop's file says tak/nie.
        row["Zgoda marketingowa"] = row["Zgoda marketingowa"] == "tak"

    class Meta:
        model = Customer
        fields = (
            "first_name", "last_name", "email", "phone", "birth_date", "city", "street",
            "building", "postal_code", "marketing_consent", "tags",
        )  # fmt: skip
        import_id_fields = ("email",)
        use_bulk = True
        batch_size = 1000
        force_init_instance = True
        skip_diff = True
        skip_html_diff = True
        use_transactions = True


with connection.schema_editor() as editor:
    editor.execute(f"DROP TABLE IF EXISTS {Customer._meta.db_table}")
    editor.create_model(Customer)

timings = {}
started = time.perf_counter()
with open(csv_path, encoding="cp1250") as fh:
    dataset = tablib.Dataset().load(fh.read(), format="csv", delimiter=";")
timings["load"] = time.perf_counter() - started
for step, dry_run in (("preview", True), ("commit", False)):
    started = time.perf_counter()
    result = CustomerResource().import_data(dataset, dry_run=dry_run, raise_errors=True)
    timings[step] = time.perf_counter() - started
    if result.has_errors() or result.has_validation_errors():
        raise SystemExit(f"the peer's {step} reported errors")
timings["rows"] = Customer.objects.count()
with connection.schema_editor() as editor:
    editor.delete_model(Customer)
print(json.dumps(timings))
