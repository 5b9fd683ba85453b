"""Access on request (issue 20, finding 3 "No way in without knowing an admin"; ADR 0021).

A signed-up person asks for a role in her territory; the territory's admins decide — where there are none, the
coordinators of its networks, then platform admins; the requester is told by mail; an address at the
territory's own web domain is marked.
"""

import time

import pytest
from django.core import mail
from django.urls import reverse

from smartregion.accounts.enums import AccessDeciders, AccessRequestStatus, TerritoryRoleKind
from smartregion.accounts.rules import access_deciders_level, decides_access_to, forget_roles
from smartregion.core import limits
from smartregion.network import roles as network_roles
from smartregion.network import services as network_services
from smartregion.territories import access_queries as queries
from smartregion.territories import access_requests
from smartregion.territories import roles as territory_roles
from smartregion.territories.access_requests import AccessRequestRefused, address_in_domain, website_domain
from smartregion.territories.models import AccessRequest, Territory, TerritoryRole

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

BASE = "http://testserver/"


@pytest.fixture(autouse=True)
def _site_name(settings):
    settings.SITE_NAME = "Smart Region Hub"


@pytest.fixture
def platform_admin():
    return UserFactory(email="plattform@hub.example", is_superuser=True, is_staff=True)


@pytest.fixture
def jena_admin(jena, platform_admin):
    admin = UserFactory(email="admin@jena.de")
    territory_roles.grant_territory_role(user=admin, territory=jena, role=TerritoryRoleKind.ADMIN, by=platform_admin)
    return admin


@pytest.fixture
def network(jena, ilmenau, platform_admin):
    network = network_services.create_network(name="Netz Thüringen", slug="netz-th", by=platform_admin)
    network_services.add_member(network, jena, by=platform_admin)
    network_services.add_member(network, ilmenau, by=platform_admin)
    return network


@pytest.fixture
def coordinator(network, platform_admin):
    person = UserFactory(email="koordination@netz.example")
    network_roles.grant_network_role(user=person, network=network, by=platform_admin)
    return person


@pytest.fixture
def other_coordinator(platform_admin):
    other = network_services.create_network(name="Netz Bayern", slug="netz-by", by=platform_admin)
    network_services.add_member(other, Territory.objects.get(ags="09162000"), by=platform_admin)
    person = UserFactory(email="koordination@bayern.example")
    network_roles.grant_network_role(user=person, network=other, by=platform_admin)
    return person


@pytest.fixture
def anna(db):
    return UserFactory(email="anna@jena.de", full_name="Anna Antrag")


def _ask(territory, person, *, role=TerritoryRoleKind.EDITOR, message="Ich arbeite im Bürgeramt.", language="de"):
    return access_requests.request_access(
        territory=territory, requester=person, role=role, message=message, base_url=BASE, language=language
    )


def _fresh(user):
    forget_roles(user)
    return user


# --- Who decides ----------------------------------------------------------------------------------------------


def test_the_territorys_admins_decide_and_nobody_else_but_platform_admins(
    jena, jena_admin, coordinator, platform_admin, anna
):
    editor = UserFactory()
    territory_roles.grant_territory_role(user=editor, territory=jena, role=TerritoryRoleKind.EDITOR)
    mail.outbox.clear()
    request = _ask(jena, anna)
    assert access_deciders_level(jena) == AccessDeciders.TERRITORY_ADMINS
    # The deciders are told, one mail each: here the admin only (not the coordinator, not platform admins).
    assert [message.to for message in mail.outbox] == [["admin@jena.de"]]
    assert mail.outbox[0].subject == "Zugangsanfrage für Jena, Stadt – Smart Region Hub"
    assert f"/konto/zugangsanfragen/{request.pk}/" in mail.outbox[0].body
    assert "Ich arbeite im Bürgeramt." in mail.outbox[0].body
    assert decides_access_to(jena_admin, jena)
    assert decides_access_to(platform_admin, jena)
    assert not decides_access_to(coordinator, jena)  # the territory has admins of its own
    assert not decides_access_to(editor, jena)
    assert not decides_access_to(anna, jena)
    with pytest.raises(AccessRequestRefused, match="Über diese Anfrage entscheiden andere."):
        access_requests.approve_access_request(request, by=coordinator, base_url=BASE)
    with pytest.raises(AccessRequestRefused):
        access_requests.decline_access_request(request, by=editor, reason="nein", base_url=BASE)
    assert AccessRequest.objects.get(pk=request.pk).status == AccessRequestStatus.OPEN
    assert not TerritoryRole.objects.filter(user=anna).exists()

    mail.outbox.clear()
    access_requests.approve_access_request(request, by=jena_admin, base_url=BASE)
    request.refresh_from_db()
    assert (request.status, request.decided_by, request.decided_at is not None) == (
        AccessRequestStatus.ACCEPTED,
        jena_admin,
        True,
    )
    role = TerritoryRole.objects.get(user=anna, territory=jena)
    assert (role.role, role.granted_by) == (TerritoryRoleKind.EDITOR, jena_admin)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@jena.de"]
    assert mail.outbox[0].subject == "Ihr Zugang zu Jena, Stadt ist freigeschaltet – Smart Region Hub"
    assert "die Rolle „Redaktion“ für Jena, Stadt" in mail.outbox[0].body
    assert request.history.count() == 2  # asked, accepted
    assert request.history.first().history_user == jena_admin


def test_without_admins_the_coordinators_of_its_networks_decide(
    ilmenau, coordinator, other_coordinator, platform_admin, anna
):
    mail.outbox.clear()
    request = _ask(ilmenau, anna, role=TerritoryRoleKind.ADMIN)
    assert access_deciders_level(ilmenau) == AccessDeciders.COORDINATORS
    assert [message.to for message in mail.outbox] == [["koordination@netz.example"]]
    assert decides_access_to(coordinator, ilmenau)
    assert decides_access_to(platform_admin, ilmenau)
    assert not decides_access_to(other_coordinator, ilmenau)
    with pytest.raises(AccessRequestRefused):
        access_requests.approve_access_request(request, by=other_coordinator, base_url=BASE)
    access_requests.approve_access_request(request, by=coordinator, base_url=BASE)
    assert TerritoryRole.objects.get(user=anna, territory=ilmenau).role == TerritoryRoleKind.ADMIN
    # Now Ilmenau has an admin: from here on she decides, the coordinator no longer does.
    assert access_deciders_level(ilmenau) == AccessDeciders.TERRITORY_ADMINS
    assert not decides_access_to(_fresh(coordinator), ilmenau)
    assert decides_access_to(_fresh(anna), ilmenau)


def test_an_inactive_admin_does_not_count(ilmenau, coordinator, anna):
    gone = UserFactory(is_active=False)
    territory_roles.grant_territory_role(user=gone, territory=ilmenau, role=TerritoryRoleKind.ADMIN)
    assert access_deciders_level(ilmenau) == AccessDeciders.COORDINATORS
    assert decides_access_to(coordinator, ilmenau)


def test_without_admins_and_networks_platform_admins_decide(ilm_kreis, platform_admin, coordinator, anna):
    lonely = ilm_kreis  # no roles, in no network
    second_admin = UserFactory(email="zweite@hub.example", is_superuser=True)
    UserFactory(email="ehemals@hub.example", is_superuser=True, is_active=False)
    mail.outbox.clear()
    request = _ask(lonely, anna)
    assert access_deciders_level(lonely) == AccessDeciders.PLATFORM_ADMINS
    assert sorted(message.to[0] for message in mail.outbox) == ["plattform@hub.example", "zweite@hub.example"]
    assert not decides_access_to(coordinator, lonely)
    assert decides_access_to(second_admin, lonely)
    access_requests.decline_access_request(request, by=platform_admin, reason="Bitte über die Kommune.", base_url=BASE)
    assert AccessRequest.objects.get(pk=request.pk).status == AccessRequestStatus.DECLINED


# --- Declining, withdrawing, one open request --------------------------------------------------------------------


def test_declining_needs_a_reason_and_mails_it(jena, jena_admin, anna):
    request = _ask(jena, anna)
    with pytest.raises(AccessRequestRefused, match="Bitte begründen Sie die Ablehnung."):
        access_requests.decline_access_request(request, by=jena_admin, reason="   ", base_url=BASE)
    mail.outbox.clear()
    access_requests.decline_access_request(
        request, by=jena_admin, reason="Bitte über das Hauptamt anfragen.", base_url=BASE
    )
    request.refresh_from_db()
    assert (request.status, request.reason, request.decided_by) == (
        AccessRequestStatus.DECLINED,
        "Bitte über das Hauptamt anfragen.",
        jena_admin,
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@jena.de"]
    assert mail.outbox[0].subject == "Ihre Zugangsanfrage für Jena, Stadt wurde abgelehnt – Smart Region Hub"
    assert "Bitte über das Hauptamt anfragen." in mail.outbox[0].body
    assert not TerritoryRole.objects.filter(user=anna).exists()
    with pytest.raises(AccessRequestRefused, match="Über diese Anfrage ist bereits entschieden."):
        access_requests.approve_access_request(request, by=jena_admin, base_url=BASE)


def test_one_open_request_per_person_and_territory(jena, ilmenau, jena_admin, anna):
    first = _ask(jena, anna)
    with pytest.raises(AccessRequestRefused, match="bereits eine offene Anfrage"):
        _ask(jena, anna, role=TerritoryRoleKind.ADMIN)
    _ask(ilmenau, anna)  # another territory is another request
    assert AccessRequest.objects.filter(requester=anna, territory=jena).count() == 1
    access_requests.withdraw_access_request(first, by=anna)
    assert AccessRequest.objects.get(pk=first.pk).status == AccessRequestStatus.WITHDRAWN
    again = _ask(jena, anna)  # withdrawn: she may ask again
    assert again.pk != first.pk


def test_only_the_requester_withdraws(jena, jena_admin, anna):
    request = _ask(jena, anna)
    with pytest.raises(AccessRequestRefused):
        access_requests.withdraw_access_request(request, by=jena_admin)
    assert AccessRequest.objects.get(pk=request.pk).is_open


def test_people_with_a_role_and_platform_admins_do_not_ask(jena, jena_admin, platform_admin):
    with pytest.raises(AccessRequestRefused, match="Sie haben hier bereits eine Rolle."):
        _ask(jena, jena_admin)
    with pytest.raises(AccessRequestRefused, match="alle Rechte"):
        _ask(jena, platform_admin)
    assert not AccessRequest.objects.exists()


def test_a_message_is_required(jena, anna):
    with pytest.raises(AccessRequestRefused, match="wofür Sie den Zugang brauchen"):
        _ask(jena, anna, message="  ")


def test_approving_never_lowers_a_role_she_got_meanwhile(jena, jena_admin, anna):
    request = _ask(jena, anna, role=TerritoryRoleKind.EDITOR)
    territory_roles.grant_territory_role(user=anna, territory=jena, role=TerritoryRoleKind.ADMIN, by=jena_admin)
    mail.outbox.clear()
    access_requests.approve_access_request(request, by=jena_admin, base_url=BASE)
    assert TerritoryRole.objects.get(user=anna, territory=jena).role == TerritoryRoleKind.ADMIN
    assert "die Rolle „Administration“" in mail.outbox[0].body


def test_the_decider_may_grant_another_role_than_asked(jena, jena_admin, anna):
    request = _ask(jena, anna, role=TerritoryRoleKind.ADMIN)
    access_requests.approve_access_request(request, by=jena_admin, role=TerritoryRoleKind.EDITOR, base_url=BASE)
    assert TerritoryRole.objects.get(user=anna, territory=jena).role == TerritoryRoleKind.EDITOR


# --- Rate limit ----------------------------------------------------------------------------------------------


def test_requests_are_rate_limited_per_account(settings, anna, jena, ilmenau, ilm_kreis):
    settings.ACCESS_REQUESTS_PER_HOUR = 2
    if limits.seconds_left(3600) < 20:  # start well inside one window
        time.sleep(limits.seconds_left(3600) + 0.05)
    kreis = ilm_kreis
    _ask(jena, anna)
    _ask(ilmenau, anna)
    with pytest.raises(AccessRequestRefused, match="viele Zugangsanfragen gestellt. Bitte warten Sie"):
        _ask(kreis, anna)
    assert AccessRequest.objects.filter(requester=anna).count() == 2
    _ask(kreis, UserFactory())  # another account has its own allowance


# --- The territory's own domain --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("website", "domain"),
    [
        ("https://www.jena.de/", "jena.de"),
        ("https://jena.de/buergerservice?x=1", "jena.de"),
        ("http://WWW.Stadt-Ilmenau.DE", "stadt-ilmenau.de"),
        ("mailto:rathaus@ilmenau.de", "ilmenau.de"),
        ("https://192.168.0.1/", ""),
        ("https://localhost/", ""),
        ("", ""),
    ],
)
def test_website_domain(website, domain):
    assert website_domain(website) == domain


@pytest.mark.parametrize(
    ("email", "inside"),
    [
        ("anna@jena.de", True),
        ("Anna@JENA.DE", True),
        ("anna@stadtverwaltung.jena.de", True),
        ("anna@nichtjena.de", False),
        ("anna@jena.de.example", False),
        ("anna@de", False),
        ("anna@gmail.com", False),
    ],
)
def test_address_in_domain(email, inside):
    assert address_in_domain(email, "jena.de") is inside


def test_a_request_from_the_territorys_domain_is_marked_at_creation(client, jena, jena_admin, anna):
    jena.website = "https://www.jena.de"
    jena.save()
    stranger = UserFactory(email="bert@mail.example")
    own = _ask(jena, anna)
    foreign = _ask(jena, stranger)
    assert (own.from_own_domain, own.checked_domain) == (True, "jena.de")
    assert (foreign.from_own_domain, foreign.checked_domain) == (False, "jena.de")
    jena.website = "https://www.mail.example"  # later changes do not rewrite what was found
    jena.save()
    assert AccessRequest.objects.get(pk=foreign.pk).from_own_domain is False
    client.force_login(jena_admin)
    page = client.get(reverse("access:requests")).content.decode()
    assert page.count("Adresse aus der Domain der Kommune (jena.de)") == 1
    assert page.count("Adresse nicht aus der Domain der Kommune (jena.de)") == 1
    team = client.get(reverse("territories:team", args=[jena.code])).content.decode()
    assert "Adresse aus der Domain der Kommune (jena.de)" in team


def test_without_a_website_the_domain_is_not_checked(jena, jena_admin, anna, client):
    request = _ask(jena, anna)
    assert (request.from_own_domain, request.checked_domain) == (False, "")
    client.force_login(jena_admin)
    page = client.get(reverse("access:request", args=[request.pk])).content.decode()
    assert "Domain nicht geprüft: keine Website der Kommune hinterlegt" in page


def test_admins_set_the_website_on_the_team_page(client, jena, jena_admin):
    client.force_login(jena_admin)
    response = client.post(
        reverse("territories:website", args=[jena.code]), {"website": "https://www.jena.de", "revision": jena.revision}
    )
    assert response.status_code == 302
    jena.refresh_from_db()
    assert (jena.website, jena.history.first().history_user) == ("https://www.jena.de", jena_admin)
    stale = client.post(
        reverse("territories:website", args=[jena.code]), {"website": "https://x.example", "revision": 1}
    )
    assert stale.status_code == 200
    assert "Jemand anderes hat inzwischen gespeichert" in stale.content.decode()
    jena.refresh_from_db()
    assert jena.website == "https://www.jena.de"
    revision = jena.revision
    client.post(
        reverse("territories:website", args=[jena.code]), {"website": "https://www.jena.de", "revision": revision}
    )
    jena.refresh_from_db()
    assert jena.revision == revision  # an unchanged save writes nothing


# --- The pages ---------------------------------------------------------------------------------------------


def test_asking_through_the_territory_page(client, jena, jena_admin, anna):
    client.force_login(anna)
    page = client.get(jena.get_absolute_url()).content.decode()
    form_url = reverse("territories:access_request", args=[jena.code])
    assert f'href="{form_url}"' in page and "Zugang beantragen" in page
    form_page = client.get(form_url).content.decode()
    assert "Über Ihre Anfrage entscheidet die Administration von Jena." in form_page
    mail.outbox.clear()
    response = client.post(form_url, {"role": "editor", "message": "Ich leite das Bürgeramt."})
    assert response.status_code == 302 and response["Location"] == jena.get_absolute_url()
    request = AccessRequest.objects.get(requester=anna)
    assert (request.territory, request.role, request.message, request.language) == (
        jena,
        "editor",
        "Ich leite das Bürgeramt.",
        "de",
    )
    assert [message.to for message in mail.outbox] == [["admin@jena.de"]]
    page = client.get(jena.get_absolute_url()).content.decode()
    assert "wartet auf eine Entscheidung" in page and f'href="{form_url}"' not in page
    again = client.get(form_url).content.decode()
    assert "bereits Zugang beantragt" in again and 'name="message"' not in again


def test_the_language_of_the_request_is_kept_for_the_answer(client, jena, jena_admin, anna):
    client.force_login(anna)
    client.post("/en" + reverse("territories:access_request", args=[jena.code]), {"role": "editor", "message": "Hello"})
    request = AccessRequest.objects.get(requester=anna)
    assert request.language == "en"
    mail.outbox.clear()
    access_requests.approve_access_request(request, by=jena_admin, base_url=BASE)
    assert mail.outbox[0].to == ["anna@jena.de"]
    # The answer follows the language she asked in: links to the English pages (the English wording comes with the
    # translations of the messages).
    assert f"http://testserver/en/gebiete/{jena.code}/" in mail.outbox[0].body


def test_a_visitor_sees_the_way_in_and_people_with_a_role_do_not(client, jena, jena_admin):
    form_url = reverse("territories:access_request", args=[jena.code])
    assert f'href="{form_url}"' in client.get(jena.get_absolute_url()).content.decode()
    response = client.get(form_url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    client.force_login(jena_admin)
    assert f'href="{form_url}"' not in client.get(jena.get_absolute_url()).content.decode()
    client.force_login(UserFactory(is_superuser=True))  # passes every has_perm, yet has nothing to ask for
    assert f'href="{form_url}"' not in client.get(jena.get_absolute_url()).content.decode()
    assert client.get(form_url).status_code == 403


def test_deciding_through_the_pages(client, jena, jena_admin, anna):
    request = _ask(jena, anna)
    client.force_login(jena_admin)
    detail = client.get(reverse("access:request", args=[request.pk])).content.decode()
    assert "Annehmen und Rolle vergeben" in detail and 'name="reason"' in detail
    refused = client.post(reverse("access:request_decline", args=[request.pk]), {"reason": ""})
    assert refused.status_code == 200 and AccessRequest.objects.get(pk=request.pk).is_open
    mail.outbox.clear()
    response = client.post(reverse("access:request_approve", args=[request.pk]), {"role": "editor"})
    assert response.status_code == 302
    assert TerritoryRole.objects.get(user=anna, territory=jena).role == TerritoryRoleKind.EDITOR
    assert [message.to for message in mail.outbox] == [["anna@jena.de"]]


def test_the_list_shows_what_each_person_decides(jena, ilmenau, jena_admin, coordinator, platform_admin, anna):
    at_jena = _ask(jena, anna)
    at_ilmenau = _ask(ilmenau, anna)
    assert list(queries.access_requests_for(jena_admin)) == [at_jena]
    assert list(queries.access_requests_for(coordinator)) == [at_ilmenau]  # Jena has its own admins
    assert set(queries.access_requests_for(platform_admin)) == {at_jena, at_ilmenau}
    assert list(queries.access_requests_for(anna)) == []
    # The list's query and the rule agree, row by row.
    everyone = [jena_admin, coordinator, platform_admin, anna]
    for person in everyone:
        listed = set(queries.access_requests_for(_fresh(person)))
        for request in (at_jena, at_ilmenau):
            assert (request in listed) is person.has_perm("accounts.decide_access_request", request)


def test_the_decider_list_pins_its_query_count(client, jena_admin, platform_admin, django_assert_max_num_queries):
    territories = list(Territory.objects.filter(kind="gemeinde", land__ars="16").order_by("pk")[:12])
    for territory in territories:
        territory_roles.grant_territory_role(user=jena_admin, territory=territory, role=TerritoryRoleKind.ADMIN)
    for territory in territories[:2]:
        _ask(territory, UserFactory())
    client.force_login(jena_admin)
    with django_assert_max_num_queries(8) as few:
        assert client.get(reverse("access:requests")).status_code == 200
    for territory in territories[2:]:
        _ask(territory, UserFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("access:requests")).content.decode()
    assert page.count("prüfen und entscheiden") == 12


def test_a_new_accounts_start_page_and_profile_say_how_access_works(client, anna, jena_admin):
    client.force_login(anna)
    for url in (reverse("home"), reverse("accounts:profile")):
        page = client.get(url).content.decode()
        assert "So bekommen Sie Rechte für Ihre Kommune" in page, url
        assert f'href="{reverse("territories:search")}"' in page
    client.force_login(jena_admin)
    for url in (reverse("home"), reverse("accounts:profile")):
        assert "So bekommen Sie Rechte für Ihre Kommune" not in client.get(url).content.decode()
    client.logout()
    assert "So bekommen Sie Rechte für Ihre Kommune" not in client.get(reverse("home")).content.decode()


def test_the_profile_lists_her_requests_and_the_deciders_open_count(client, jena, jena_admin, anna):
    request = _ask(jena, anna)
    client.force_login(anna)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Meine Zugangsanfragen" in page and reverse("access:request", args=[request.pk]) in page
    client.force_login(jena_admin)
    assert (
        "Zugangsanfragen: 1 offene Anfrage zu entscheiden" in client.get(reverse("accounts:profile")).content.decode()
    )
