"""Exports of lists: exactly the filtered rows (all pages), as XLSX and CSV (UTF-8 with BOM),
with the page's columns plus ids; the API lists take ?format=csv|xlsx with the same filters."""

import csv
import datetime
import io
from datetime import date

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from common.exports import Column, build_csv, export_response, flatten_records
from actieplan.models import Action, Status
from tests import factories as f

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def read_csv(response, delimiter=";") -> list[list[str]]:
    """The people dialect by default (what a Belgian spreadsheet opens); ``","`` for dialect=machine."""
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 byte-order mark"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=delimiter))


def read_xlsx(response) -> list[list]:
    assert response["Content-Type"] == XLSX
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [[c for c in r] for r in sheet.iter_rows(values_only=True)]


@pytest.fixture
def many_actions(group, other_group, barrier, other_barrier, domain):
    """30 submitted actions of the Mobiliteit group (more than one page), 3 of Zorgtaken, 1 draft."""
    for n in range(1, 31):
        f.action(working_group=group, code=f"MOB-{n:02d}", title=f"Vervoer {n} – naar één werkplek",
                 status=Status.SUBMITTED, lead_domain=domain if n % 2 else None, planned_start=date(2027, 1, n % 28 + 1))
    for n in range(1, 4):
        f.action(working_group=other_group, code=f"ZORG-{n:02d}", primary_barrier=other_barrier, status=Status.SUBMITTED)
    f.action(working_group=group, code="MOB-99", title="Nog in concept")
    return Action.objects.all()


# --------------------------------------------------------------------------- the action list page
def test_action_list_exports_all_filtered_rows_as_xlsx_with_page_columns_and_ids(client, member, group, many_actions):
    client.force_login(member)
    response = client.get("/acties/", {"working_group": group.pk, "status": "submitted", "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="acties-')
    rows = read_xlsx(response)
    assert rows[0] == ["ID", "Code", "Titel", "Voorgesteld door", "Werkgroep-ID", "Voorstellend beleidsdomein-ID",
                       "Trekker", "Trekker-ID", "Status", "Geplande start"]
    assert len(rows) == 1 + 30  # every page, and only the submitted ones of this group
    first = rows[1]
    action = Action.objects.get(code="MOB-01")
    assert first[:5] == [action.pk, "MOB-01", "Vervoer 1 – naar één werkplek", "Werkgroep Mobiliteit", group.pk]
    assert first[6:9] == ["Mobiliteit en Openbare Werken", action.lead_domain_id, "ingediend"]
    assert first[9].date() == date(2027, 1, 2)


def test_action_list_exports_csv_with_bom_in_the_chosen_order(client, member, group, many_actions):
    client.force_login(member)
    response = client.get("/acties/", {"search": "één", "ordering": "-code", "format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = read_csv(response)
    assert rows[0][:3] == ["ID", "Code", "Titel"]
    assert [r[1] for r in rows[1:4]] == ["MOB-30", "MOB-29", "MOB-28"]
    assert len(rows) == 31
    assert rows[-1][2] == "Vervoer 1 – naar één werkplek"


def test_an_export_holds_only_what_the_user_may_see(client, other_member, group, many_actions):
    client.force_login(other_member)
    codes = [r[1] for r in read_csv(client.get("/acties/", {"format": "csv"}))[1:]]
    assert "MOB-99" not in codes  # a draft of another group
    assert len(codes) == 33


def test_the_list_page_links_to_both_exports_with_its_filters(client, member, group, many_actions):
    client.force_login(member)
    html = client.get("/acties/", {"status": "submitted", "page": "2"}).content.decode()
    assert "?status=submitted&amp;format=xlsx" in html
    assert "?status=submitted&amp;format=csv" in html


def test_action_list_export_queries_do_not_grow_with_rows(client, member, group, barrier, django_assert_num_queries):
    client.force_login(member)
    f.action(working_group=group, code="MOB-01")
    client.get("/acties/", {"format": "xlsx"})  # warm up the session
    # session, user, permissions (profile, memberships, profile domains) and the actions with
    # barrier, group and domains; the filter form's choice lists are not rendered.
    with django_assert_num_queries(6) as one:
        client.get("/acties/", {"format": "xlsx"})
    for n in range(2, 51):
        f.action(working_group=group, code=f"MOB-{n:02d}")
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get("/acties/", {"format": "xlsx"})
    assert len(read_xlsx(response)) == 51


# --------------------------------------------------------------------------- the API lists
@pytest.fixture
def api(member):
    client = APIClient()
    client.force_authenticate(member)
    return client


def test_api_action_list_exports_every_filtered_row_as_csv(api, group, many_actions):
    response = api.get("/api/v1/actions/", {"working_group": group.pk, "status": "submitted", "format": "csv",
                                            "dialect": "machine"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="action-')
    rows = read_csv(response, delimiter=",")
    assert rows[0][:5] == ["id", "url", "page_url", "code", "title"]
    assert rows[1][1].endswith(f"/api/v1/actions/{rows[1][0]}/")  # no ?format=csv: the address answers
    assert rows[1][2].endswith(f"/acties/{rows[1][0]}/")
    people = read_csv(api.get("/api/v1/actions/", {"working_group": group.pk, "status": "submitted",
                                                   "format": "csv"}))
    assert people[0][:5] == ["ID", "Url", "Pagina", "Code", "Titel"]
    assert len(rows) == 31  # not one page of 25
    json_page = api.get("/api/v1/actions/", {"working_group": group.pk, "status": "submitted"}).json()
    assert json_page["count"] == 30 and len(json_page["results"]) == 25
    assert [r[3] for r in rows[1:26]] == [a["code"] for a in json_page["results"]]


def test_api_action_list_exports_xlsx_with_flattened_lists(api, group, many_actions, target_group, other_barrier):
    action = Action.objects.get(code="MOB-03")
    action.target_groups.set([target_group])
    action.secondary_barriers.set([other_barrier])
    rows = read_xlsx(api.get("/api/v1/actions/", {"search": "MOB-03", "format": "xlsx"}))
    header = rows[0]
    assert len(rows) == 2
    record = dict(zip(header, rows[1]))  # Dutch headers, as in every export meant for people
    assert record["Code"] == "MOB-03"
    assert record["Doelgroepen"] == str(target_group.pk)
    assert record["Status"] == "submitted" and record["Status display"] == "ingediend"
    # dates and timestamps are typed cells, not text
    assert isinstance(record["Aangemaakt op"], datetime.datetime)


def test_api_reference_lists_export_too(api, barrier, other_barrier):
    rows = read_csv(api.get("/api/v1/barriers/", {"format": "csv", "ordering": "-name"}))
    assert [r[1] for r in rows[1:]] == ["Zorgtaken", "Mobiliteit"]


def test_api_export_errors_stay_json(api, many_actions):
    response = api.get("/api/v1/actions/", {"barrier": "abc", "format": "csv"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "barrier" in response.json()
    anonymous = APIClient().get("/api/v1/actions/", {"format": "xlsx"})
    assert anonymous.status_code == 401 and "detail" in anonymous.json()


def test_api_export_is_only_for_lists(api, many_actions):
    action = Action.objects.get(code="MOB-01")
    assert api.get(f"/api/v1/actions/{action.pk}/", {"format": "csv"}).status_code == 404


def test_api_export_queries_do_not_grow_with_rows(api, group, barrier, django_assert_num_queries):
    f.action(working_group=group, code="MOB-01", status=Status.SUBMITTED)
    api.get("/api/v1/actions/", {"format": "csv"})
    # The actions (with barrier, group, domains, people) and five many-to-many prefetches; the
    # permissions are cached on the force-authenticated user.
    with django_assert_num_queries(6) as one:
        api.get("/api/v1/actions/", {"format": "csv"})
    for n in range(2, 51):
        f.action(working_group=group, code=f"MOB-{n:02d}", status=Status.SUBMITTED)
    with django_assert_num_queries(len(one.captured_queries)):
        response = api.get("/api/v1/actions/", {"format": "csv"})
    assert len(read_csv(response)) == 51


def test_the_schema_documents_the_export_formats(client, db):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/actions/"]["get"]
    format_param = next(p for p in operation["parameters"] if p["name"] == "format")
    assert set(format_param["schema"]["enum"]) == {"csv", "json", "xlsx"}
    content = operation["responses"]["200"]["content"]
    assert content["text/csv"]["schema"] == {"type": "string", "format": "binary"}
    assert set(operation["responses"]["401"]["content"]) == {"application/json"}


# --------------------------------------------------------------------------- the building blocks
def test_csv_never_starts_a_cell_with_a_formula():
    rows = list(csv.reader(io.StringIO(build_csv(["a", "b"], [["=1+1", -5], ["@SUM(A1)", "gewoon"]]).decode("utf-8-sig")),
                           delimiter=";"))
    assert rows[1] == ["'=1+1", "-5"]
    assert rows[2] == ["'@SUM(A1)", "gewoon"]


def test_xlsx_keeps_text_starting_with_equals_as_text(db):
    response = export_response([{"pk": 1, "t": "=HYPERLINK(\"x\")"}], [Column("Titel", "t")], "test", "xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["B2"].value == "'=HYPERLINK(\"x\")" and sheet["B2"].data_type == "s"  # a string, quoted (OWASP)


def test_flatten_records_handles_pages_lists_objects_and_nesting():
    headers, rows = flatten_records({"count": 1, "results": [{"id": 1, "tags": [1, 2], "owner": {"id": 3}}]})
    assert headers == ["id", "tags", "owner"]
    assert rows == [[1, "1; 2", '{"id": 3}']]
    assert flatten_records({"id": 4}) == (["id"], [[4]])
    assert flatten_records([]) == (["value"], [])


def test_the_mixin_works_on_a_generic_list_view_too(member, barrier, other_barrier):
    from rest_framework.generics import ListAPIView
    from rest_framework.test import APIRequestFactory, force_authenticate

    from actieplan.actions.serializers import BarrierSerializer
    from common.exports import ExportMixin
    from actieplan.models import Barrier

    class BarrierList(ExportMixin, ListAPIView):
        queryset = Barrier.objects.order_by("name")
        serializer_class = BarrierSerializer

    request = APIRequestFactory().get("/x/", {"format": "csv"})
    force_authenticate(request, member)
    response = BarrierList.as_view()(request)
    response.render()
    assert [r[1] for r in read_csv(response)[1:]] == ["Mobiliteit", "Zorgtaken"]
