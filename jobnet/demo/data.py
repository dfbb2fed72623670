"""Demo network data: organisations, one user per role and example posts. Pure data, no database.

Everything here is invented for demonstration: people, companies (marked "(fiktiv)"), phone numbers
(000- blocks) and addresses (example.org / .invalid). Places, district keys (AGS) and coordinates
(WGS84, checked against the BKG VG250 municipality boundaries) are real, so the map looks right.
Post dates are relative to `today`, so the demo stays current whenever it is loaded.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")

KCA = "Kommunales Center für Arbeit (KCA) Main-Kinzig-Kreis"


def _org(name: str, kind: str, district_ags: str, slug: str) -> dict[str, Any]:
    return {"name": name, "kind": kind, "district_ags": district_ags,
            "email": f"{slug}@example.org", "website": f"https://example.org/{slug}"}


# The 16 municipal job centres (KJC) of the network, then partners. district_ags is the district
# a job centre serves (partners: where they sit).
ORGANISATIONS: list[dict[str, Any]] = [
    _org("Jobcenter Kreis Bergstraße", "job_centre", "06431", "jc-bergstrasse"),
    _org("Kommunales Jobcenter Darmstadt-Dieburg", "job_centre", "06432", "kjc-dadi"),
    _org("Kommunales Jobcenter Kreis Groß-Gerau", "job_centre", "06433", "kjc-gross-gerau"),
    _org("Jobcenter Hochtaunuskreis", "job_centre", "06434", "jc-hochtaunus"),
    _org(KCA, "job_centre", "06435", "kca-mkk"),
    _org("Kommunales Jobcenter Main-Taunus-Kreis", "job_centre", "06436", "kjc-main-taunus"),
    _org("Kommunales Jobcenter Odenwaldkreis", "job_centre", "06437", "kjc-odenwald"),
    _org("Jobcenter Kreis Offenbach", "job_centre", "06438", "jc-kreis-offenbach"),
    _org("Kommunales Jobcenter Rheingau-Taunus-Kreis", "job_centre", "06439", "kjc-rtk"),
    _org("Jobcenter Lahn-Dill", "job_centre", "06532", "jc-lahn-dill"),
    _org("Kreisjobcenter Marburg-Biedenkopf", "job_centre", "06534", "kjc-marburg-biedenkopf"),
    _org("Kommunales Jobcenter Vogelsbergkreis", "job_centre", "06535", "kjc-vogelsberg"),
    _org("Kreisjobcenter Fulda", "job_centre", "06631", "kjc-fulda"),
    _org("Kreisjobcenter Hersfeld-Rotenburg", "job_centre", "06632", "kjc-hersfeld-rotenburg"),
    _org("Kommunales Jobcenter Offenbach am Main", "job_centre", "06413", "kjc-offenbach"),
    _org("Jobcenter Wiesbaden", "job_centre", "06414", "jc-wiesbaden"),
    # Partners: the employment agency, joint job centres (gemeinsame Einrichtungen), chambers
    _org("Agentur für Arbeit Frankfurt am Main", "partner", "06412", "aa-frankfurt"),
    _org("Jobcenter Frankfurt am Main", "partner", "06412", "jc-frankfurt"),
    _org("IHK Frankfurt am Main", "partner", "06412", "ihk-frankfurt"),
    _org("Agentur für Arbeit Kassel", "partner", "06611", "aa-kassel"),
    _org("Handwerkskammer Kassel", "partner", "06611", "hwk-kassel"),
    _org("Jobcenter Landkreis Gießen", "partner", "06531", "jc-giessen"),
]

# One user per role; passwords are set by the loader, never stored here.
DEMO_USERS: list[dict[str, str]] = [
    {"email": "admin@demo.jobnet-hessen.invalid", "name": "Miriam Kolbe", "role": "admin",
     "organisation": "Kreisjobcenter Marburg-Biedenkopf"},
    {"email": "moderation@demo.jobnet-hessen.invalid", "name": "Tobias Rennert",
     "role": "moderator", "organisation": "Jobcenter Wiesbaden"},
    {"email": "koordination-mkk@demo.jobnet-hessen.invalid", "name": "Sandra Weidmann",
     "role": "coordinator", "organisation": KCA},
    {"email": "koordination-kreis-of@demo.jobnet-hessen.invalid", "name": "Murat Aydın",
     "role": "coordinator", "organisation": "Jobcenter Kreis Offenbach"},
    {"email": "messen-ihk@demo.jobnet-hessen.invalid", "name": "Elena Brandt",
     "role": "organiser", "organisation": "IHK Frankfurt am Main"},
]


def _post(kind: str, organisation: str, published_days_ago: int | None, **fields: Any) -> dict:
    """One post; published_days_ago=None makes it a draft."""
    fields.setdefault("links", [])
    fields.setdefault("valid_until", None)
    post: dict[str, Any] = {"kind": kind, "organisation": organisation, "fields": fields}
    if published_days_ago is None:
        post["status"] = "draft"
    else:
        post["published_days_ago"] = published_days_ago
    return post


def _on_weekday(today: date, days: int, weekday: int) -> date:
    """The first given weekday (0 = Monday) on or after today + days."""
    day = today + timedelta(days=days)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=BERLIN)


def demo_posts(today: date) -> list[dict]:
    """The demo posts, dated relative to `today`; the same day always gives the same list."""
    return _settlements(today) + _programmes(today) + _projects(today) + _fairs(today)


def _settlements(today: date) -> list[dict]:
    def d(days: int) -> date:
        return today + timedelta(days=days)

    return [
        _post(
            "settlement", "Kreisjobcenter Hersfeld-Rotenburg", 3,
            title="Neues Logistikzentrum an der A 4 in Bad Hersfeld: 600 Arbeitsplätze",
            summary="Ein Versandlogistiker baut in Bad Hersfeld ein Distributionszentrum und sucht "
            "ab dem Frühjahr Personal in Lager, Technik und Verwaltung.",
            body="Die **Nordhessen Logistik GmbH (fiktiv)** errichtet an der A 4 ein "
            "Distributionszentrum mit rund 60.000 m² Hallenfläche.\n\n"
            "Gesucht werden vor allem:\n\n"
            "- Fachkräfte für Lagerlogistik und Fachlageristen\n"
            "- Berufskraftfahrerinnen und -fahrer\n"
            "- Mechatronikerinnen und Mechatroniker für die Fördertechnik\n\n"
            "Das Kreisjobcenter organisiert gemeinsam mit dem Arbeitgeber Infotage und "
            "Vorauswahlen. Für Quereinsteigende gibt es eine vierwöchige Einarbeitung.\n\n"
            "Benachbarte Jobcenter sind eingeladen, passende Bewerbende zu melden.",
            place="Bad Hersfeld, Logistikstandort an der A 4",
            latitude=50.8580, longitude=9.7330, district_ags="06632",
            municipality_name="Bad Hersfeld",
            contact_name="Jörg Lindemeyer", contact_email="arbeitgeberservice-hef@example.org",
            contact_phone="+49 6621 000-4410",
            links=["https://example.org/nordhessen-logistik/karriere"],
            company="Nordhessen Logistik GmbH (fiktiv)", sector="Logistik und Versandhandel",
            jobs_expected=600, hiring_start=d(75),
            occupations="Fachkraft für Lagerlogistik, Fachlagerist/in, Berufskraftfahrer/in, "
            "Mechatroniker/in, Kaufmann/-frau für Spedition und Logistikdienstleistung",
            commute_radius_km=60, valid_until=d(240),
        ),
        _post(
            "settlement", KCA, 12,
            title="Rechenzentrum im Industriepark Hanau-Wolfgang",
            summary="Ein Rechenzentrumsbetreiber baut in Hanau-Wolfgang einen neuen Campus und "
            "stellt Technikerinnen, Techniker und Servicepersonal ein.",
            body="Die **Mainlicht Rechenzentren GmbH (fiktiv)** baut in zwei Abschnitten einen "
            "Rechenzentrumscampus mit eigener Umspannanlage.\n\n"
            "Für den Betrieb werden rund 120 Stellen geschaffen, davon etwa ein Drittel für "
            "Elektro- und Kältetechnik. Hinzu kommen Sicherheits- und Reinigungsdienste über "
            "Dienstleister.\n\n"
            "Das KCA bietet vorab eine Qualifizierung zur *Elektrofachkraft für festgelegte "
            "Tätigkeiten* an.",
            place="Hanau-Wolfgang, Industriepark",
            latitude=50.1190, longitude=8.9750, district_ags="06435",
            municipality_name="Hanau",
            contact_name="Carsten Wiegand", contact_email="ag-service@example.org",
            contact_phone="+49 6051 000-2230",
            company="Mainlicht Rechenzentren GmbH (fiktiv)", sector="Rechenzentren und IT-Betrieb",
            jobs_expected=120, hiring_start=d(120),
            occupations="Elektroniker/in für Betriebstechnik, Mechatroniker/in für "
            "Kältetechnik, Fachinformatiker/in Systemintegration, Servicekraft Schutz und "
            "Sicherheit",
            commute_radius_km=40,
        ),
        _post(
            "settlement", "Jobcenter Frankfurt am Main", 20,
            title="Erweiterung eines Rechenzentrums im Frankfurter Ostend",
            summary="Ein Colocation-Anbieter erweitert seinen Standort an der Hanauer Landstraße; "
            "80 neue Stellen im Betrieb, viele auch für Quereinsteigende.",
            body="Die **Rhein-Main Datenpark AG (fiktiv)** verdoppelt ihre Fläche im Ostend.\n\n"
            "- Schichtbetrieb rund um die Uhr, 24/7-Leitstand\n"
            "- Einarbeitung in Gebäudeleittechnik über sechs Monate\n"
            "- Deutschkenntnisse ab B1 reichen für den Einstieg in den Rechenzentrumsservice\n\n"
            "Wir teilen gern unsere Erfahrungen mit dem Arbeitgeber mit den Jobcentern der "
            "Region.",
            place="Frankfurt am Main, Hanauer Landstraße (Ostend)",
            latitude=50.1140, longitude=8.7330, district_ags="06412",
            municipality_name="Frankfurt am Main",
            contact_name="Aylin Demirtaş", contact_email="arbeitgeberteam-ffm@example.org",
            contact_phone="+49 69 000-7712",
            company="Rhein-Main Datenpark AG (fiktiv)", sector="Rechenzentren und IT-Betrieb",
            jobs_expected=80, hiring_start=d(45),
            occupations="Fachinformatiker/in Systemintegration, Elektroniker/in für "
            "Energie- und Gebäudetechnik, Rechenzentrumsservice (Quereinstieg)",
            commute_radius_km=35,
        ),
        _post(
            "settlement", "Kommunales Jobcenter Kreis Groß-Gerau", 8,
            title="Luftfrachtumschlag in Kelsterbach: 250 Stellen",
            summary="Ein Luftfrachtdienstleister eröffnet im Gewerbegebiet Taubengrund ein "
            "Umschlaglager direkt am Flughafen.",
            body="Die **Cargo Service Untermain GmbH (fiktiv)** übernimmt eine bestehende Halle "
            "und baut sie für Luftfracht um.\n\n"
            "Benötigt werden Lagerkräfte mit Staplerschein, Disponentinnen und Disponenten sowie "
            "Fachkräfte für Luftsicherheitskontrollen. Die Zuverlässigkeitsüberprüfung nach "
            "Luftsicherheitsgesetz dauert einige Wochen; bitte früh planen.\n\n"
            "Schichtzeiten auch nachts; der Betrieb ist mit der S-Bahn erreichbar.",
            place="Kelsterbach, Gewerbegebiet Taubengrund",
            latitude=50.0560, longitude=8.5480, district_ags="06433",
            municipality_name="Kelsterbach",
            contact_name="Nadine Herold", contact_email="kjc-gg-arbeitgeber@example.org",
            contact_phone="+49 6152 000-3310",
            company="Cargo Service Untermain GmbH (fiktiv)", sector="Luftfracht und Logistik",
            jobs_expected=250, hiring_start=d(30),
            occupations="Fachlagerist/in, Staplerfahrer/in, Luftsicherheitsassistent/in, "
            "Speditionskaufmann/-frau",
            commute_radius_km=40,
        ),
        _post(
            "settlement", "Kommunales Jobcenter Kreis Groß-Gerau", 34,
            title="Flugküche in Raunheim sucht Küchen- und Logistikpersonal",
            summary="Ein Bordverpflegungsbetrieb verlagert seine Produktion nach Raunheim und "
            "stellt 140 Beschäftigte ein.",
            body="Die **Flugküche Rhein-Main GmbH (fiktiv)** produziert Bordmahlzeiten für "
            "Airlines am Frankfurter Flughafen.\n\n"
            "- Köchinnen und Köche, Küchenhilfen\n"
            "- Fahrerinnen und Fahrer mit Führerschein C1\n"
            "- Lager und Kommissionierung\n\n"
            "Eine Teilzeit-Frühschicht ist für Alleinerziehende vorgesehen.",
            place="Raunheim, Gewerbegebiet Süd",
            latitude=50.0080, longitude=8.4600, district_ags="06433",
            municipality_name="Raunheim",
            contact_name="Nadine Herold", contact_email="kjc-gg-arbeitgeber@example.org",
            contact_phone="+49 6152 000-3310",
            company="Flugküche Rhein-Main GmbH (fiktiv)", sector="Gastronomie und Catering",
            jobs_expected=140, hiring_start=d(60),
            occupations="Koch/Köchin, Fachkraft Küche, Berufskraftfahrer/in, Fachlagerist/in",
            commute_radius_km=30,
        ),
        _post(
            "settlement", "Agentur für Arbeit Kassel", 15,
            title="Güterverkehrszentrum Kassel: neues Umschlagterminal in Lohfelden",
            summary="Ein Logistikdienstleister baut in Lohfelden ein Terminal für den "
            "kombinierten Verkehr Straße/Schiene und schafft 300 Arbeitsplätze.",
            body="Die **Kurhessen Intermodal GmbH (fiktiv)** nimmt das Terminal schrittweise in "
            "Betrieb.\n\n"
            "Gesucht werden Kranführerinnen und Kranführer, Eisenbahnerinnen und Eisenbahner im "
            "Betriebsdienst, Lagerpersonal und Verwaltung.\n\n"
            "Die Agentur für Arbeit Kassel fördert Weiterbildungen zum Kranführerschein und zur "
            "Rangierbegleitung. Kommunale Jobcenter in Nordhessen können Bewerbende melden.",
            place="Lohfelden, Güterverkehrszentrum",
            latitude=51.2700, longitude=9.5200, district_ags="06633",
            municipality_name="Lohfelden",
            contact_name="Heike Sommerfeld", contact_email="ag-service-kassel@example.org",
            contact_phone="+49 561 000-5520",
            links=["https://example.org/kurhessen-intermodal"],
            company="Kurhessen Intermodal GmbH (fiktiv)",
            sector="Logistik und Schienengüterverkehr",
            jobs_expected=300, hiring_start=d(90),
            occupations="Kranführer/in, Eisenbahner/in im Betriebsdienst, Fachkraft für "
            "Lagerlogistik, Kaufmann/-frau für Spedition und Logistikdienstleistung",
            commute_radius_km=50,
        ),
        _post(
            "settlement", "Kreisjobcenter Marburg-Biedenkopf", 27,
            title="Neue Produktionsanlage für Biopharmazeutika in Marburg-Görzhausen",
            summary="Am Pharmastandort Görzhausen entsteht eine Abfüllanlage für Impfstoffe; "
            "200 Stellen für Fachkräfte und angelernte Produktionskräfte.",
            body="Die **Lahnpharm Biologics GmbH (fiktiv)** investiert in eine neue "
            "Reinraum-Abfüllung.\n\n"
            "Für angelernte Tätigkeiten in der Produktion gibt es eine zwölfwöchige "
            "Qualifizierung zur *Produktionshelferin/zum Produktionshelfer Pharma* mit "
            "GMP-Schulung, die das Kreisjobcenter fördert.\n\n"
            "Voraussetzung: Schichtbereitschaft und Deutsch auf B1-Niveau.",
            place="Marburg-Görzhausen, Pharmastandort",
            latitude=50.8140, longitude=8.7050, district_ags="06534",
            municipality_name="Marburg",
            contact_name="Dr. Kerstin Faßbender", contact_email="kjc-mr-arbeitgeber@example.org",
            contact_phone="+49 6421 000-6610",
            company="Lahnpharm Biologics GmbH (fiktiv)", sector="Pharmazeutische Industrie",
            jobs_expected=200, hiring_start=d(100),
            occupations="Pharmakant/in, Chemikant/in, Produktionshelfer/in Pharma, "
            "Biologielaborant/in, Industriemechaniker/in",
            commute_radius_km=45, valid_until=d(180),
        ),
        _post(
            "settlement", "Kreisjobcenter Fulda", 41,
            title="Batterierecycling in Hünfeld: 90 Arbeitsplätze",
            summary="Ein Recyclingunternehmen verarbeitet in Hünfeld künftig Batterien aus "
            "Elektrofahrzeugen.",
            body="Die **Rhön Kreislauftechnik GmbH (fiktiv)** baut eine Anlage zur Demontage und "
            "Aufbereitung von Traktionsbatterien.\n\n"
            "- Elektrofachkräfte mit Hochvolt-Qualifikation\n"
            "- Anlagenfahrerinnen und -fahrer (Anlernung möglich)\n"
            "- Lager und Logistik\n\n"
            "Wir suchen Partner für eine gemeinsame Hochvolt-Schulung.",
            place="Hünfeld, Gewerbegebiet an der A 7",
            latitude=50.6750, longitude=9.7480, district_ags="06631",
            municipality_name="Hünfeld",
            contact_name="Matthias Kreuzer", contact_email="kjc-fulda-ag@example.org",
            contact_phone="+49 661 000-3380",
            company="Rhön Kreislauftechnik GmbH (fiktiv)",
            sector="Recycling und Kreislaufwirtschaft",
            jobs_expected=90, hiring_start=d(150),
            occupations="Elektroniker/in für Betriebstechnik, Verfahrensmechaniker/in, "
            "Maschinen- und Anlagenführer/in, Fachkraft für Kreislauf- und Abfallwirtschaft",
            commute_radius_km=35,
        ),
        _post(
            "settlement", "Jobcenter Lahn-Dill", 52,
            title="Optikhersteller erweitert Fertigung in Wetzlar",
            summary="Ein Hersteller optischer Komponenten erweitert seine Fertigung auf der "
            "Spilburg um 110 Stellen.",
            body="Die **Lahn Optronik GmbH (fiktiv)** fertigt Linsen und Sensorik für die "
            "Medizintechnik.\n\n"
            "Neben Feinoptikerinnen und Feinoptikern werden angelernte Kräfte für Montage und "
            "Prüfung eingestellt. Das Jobcenter Lahn-Dill plant mit dem Betrieb eine "
            "Teilqualifizierung in drei Modulen.",
            place="Wetzlar, Gewerbegebiet Spilburg",
            latitude=50.5580, longitude=8.4880, district_ags="06532",
            municipality_name="Wetzlar",
            contact_name="Sabine Ortlepp", contact_email="jc-ldk-arbeitgeber@example.org",
            contact_phone="+49 6441 000-2140",
            company="Lahn Optronik GmbH (fiktiv)", sector="Optik und Medizintechnik",
            jobs_expected=110, hiring_start=d(40),
            occupations="Feinoptiker/in, Mikrotechnologe/-technologin, Industriemechaniker/in, "
            "Montagehelfer/in",
            commute_radius_km=30,
        ),
        _post(
            "settlement", "Jobcenter Wiesbaden", 58,
            title="IT-Servicezentrum in Wiesbaden-Biebrich",
            summary="Ein IT-Dienstleister eröffnet ein Servicezentrum mit 150 Stellen; "
            "Rekrutierung bereits abgeschlossen.",
            body="Die **Kurstadt Software Services GmbH (fiktiv)** hat ihr Servicezentrum in "
            "Biebrich eröffnet.\n\n"
            "Die Besetzung der ersten 150 Stellen ist abgeschlossen; 38 davon gingen an "
            "Bewerbende aus dem Jobcenter. Dieser Beitrag wird demnächst archiviert.",
            place="Wiesbaden-Biebrich, Gewerbegebiet",
            latitude=50.0450, longitude=8.2400, district_ags="06414",
            municipality_name="Wiesbaden",
            contact_name="Florian Ahrens", contact_email="jc-wi-arbeitgeber@example.org",
            contact_phone="+49 611 000-3150",
            company="Kurstadt Software Services GmbH (fiktiv)", sector="IT-Dienstleistungen",
            jobs_expected=150, hiring_start=d(-50),
            occupations="IT-Systemelektroniker/in, Fachinformatiker/in, Kaufmann/-frau für "
            "Dialogmarketing",
            commute_radius_km=30, valid_until=d(-2),
        ),
        _post(
            "settlement", "Jobcenter Kreis Offenbach", 6,
            title="E-Commerce-Fulfilment in Dietzenbach",
            summary="Ein Fulfilment-Dienstleister für Modehändler zieht nach Dietzenbach und "
            "stellt 180 Beschäftigte ein, auch in Teilzeit.",
            body="Die **Modeversand Rhein-Main GmbH (fiktiv)** übernimmt Lager, Retouren und "
            "Versand für mehrere Onlinehändler.\n\n"
            "- Teilzeitmodelle mit 20 bis 30 Wochenstunden\n"
            "- Einarbeitung ohne Vorkenntnisse\n"
            "- Ausbildungsplätze Kaufmann/-frau im E-Commerce ab Herbst\n\n"
            "Das Jobcenter Kreis Offenbach führt die Vorauswahl durch.",
            place="Dietzenbach, Gewerbegebiet Nord",
            latitude=50.0200, longitude=8.7740, district_ags="06438",
            municipality_name="Dietzenbach",
            contact_name="Murat Aydın", contact_email="jc-kreis-of-ag@example.org",
            contact_phone="+49 6074 000-1020",
            company="Modeversand Rhein-Main GmbH (fiktiv)", sector="Onlinehandel und Logistik",
            jobs_expected=180, hiring_start=d(21),
            occupations="Fachlagerist/in, Kaufmann/-frau im E-Commerce, Retourenbearbeitung, "
            "Kundenservice",
            commute_radius_km=30,
        ),
        _post(
            "settlement", "Kommunales Jobcenter Vogelsbergkreis", 24,
            title="Holzmodulbau in Alsfeld: Fertigung für Wohnungsbau",
            summary="Ein Holzbauunternehmen errichtet in Alsfeld ein Werk für Wohnmodule und "
            "sucht 70 Beschäftigte.",
            body="Die **Vogelsberger Holzmodulbau GmbH (fiktiv)** fertigt vorgefertigte "
            "Wohnmodule für Kommunen und Wohnungsbaugesellschaften.\n\n"
            "Gesucht: Zimmerinnen und Zimmerer, Tischlerinnen und Tischler, Elektrikerinnen und "
            "Elektriker sowie Helferinnen und Helfer für die Vormontage.",
            place="Alsfeld, Gewerbegebiet an der A 5",
            latitude=50.7450, longitude=9.2550, district_ags="06535",
            municipality_name="Alsfeld",
            contact_name="Reinhard Scholl", contact_email="kjc-vb-arbeitgeber@example.org",
            contact_phone="+49 6641 000-1770",
            company="Vogelsberger Holzmodulbau GmbH (fiktiv)", sector="Holzbau",
            jobs_expected=70, hiring_start=d(110),
            occupations="Zimmerer/Zimmerin, Tischler/in, Elektroniker/in, Montagehelfer/in",
            commute_radius_km=40,
        ),
        _post(
            "settlement", "Kommunales Jobcenter Main-Taunus-Kreis", 48,
            title="Rechenzentrumscampus in Hattersheim am Main",
            summary="Ein weiterer Rechenzentrumscampus in Hattersheim schafft rund 60 "
            "Betriebsstellen und Ausbildungsplätze.",
            body="Die **Taunus Compute Campus GmbH (fiktiv)** betreibt künftig drei "
            "Rechenzentrumsgebäude.\n\n"
            "Ab dem zweiten Jahr bildet der Betrieb Elektronikerinnen und Elektroniker sowie "
            "Fachinformatikerinnen und Fachinformatiker aus.",
            place="Hattersheim am Main, Gewerbegebiet",
            latitude=50.0720, longitude=8.4900, district_ags="06436",
            municipality_name="Hattersheim am Main",
            contact_name="Petra Quandt", contact_email="kjc-mtk-arbeitgeber@example.org",
            contact_phone="+49 6192 000-2410",
            company="Taunus Compute Campus GmbH (fiktiv)", sector="Rechenzentren und IT-Betrieb",
            jobs_expected=60, hiring_start=d(200),
            occupations="Elektroniker/in für Energie- und Gebäudetechnik, Fachinformatiker/in, "
            "Anlagenmechaniker/in SHK",
            commute_radius_km=30,
        ),
        _post(
            "settlement", "Jobcenter Kreis Bergstraße", 17,
            title="Medizintechnik-Fertigung in Bensheim",
            summary="Ein Medizintechnikunternehmen verlagert seine Montage in den Bensheimer "
            "Stubenwald und sucht 85 Beschäftigte.",
            body="Die **Bergsträßer Medizintechnik GmbH (fiktiv)** montiert Diagnosegeräte.\n\n"
            "Montagekräfte werden drei Wochen im Betrieb angelernt. Für Menschen mit "
            "Schwerbehinderung gibt es angepasste Arbeitsplätze.",
            place="Bensheim, Gewerbegebiet Stubenwald",
            latitude=49.6850, longitude=8.6000, district_ags="06431",
            municipality_name="Bensheim",
            contact_name="Thorsten Eberle", contact_email="jc-bergstrasse-ag@example.org",
            contact_phone="+49 6252 000-5510",
            company="Bergsträßer Medizintechnik GmbH (fiktiv)", sector="Medizintechnik",
            jobs_expected=85, hiring_start=d(55),
            occupations="Elektroniker/in für Geräte und Systeme, Mechatroniker/in, "
            "Montagehelfer/in, Fachkraft für Lagerlogistik",
            commute_radius_km=25,
        ),
    ]


def _programmes(today: date) -> list[dict]:
    return [
        _post(
            "programme", "IHK Frankfurt am Main", 9,
            title="Weiterbildung Fachkraft für Wasserstofftechnik im Industriepark Höchst",
            summary="Neue berufsbegleitende Weiterbildung für Elektro- und Metallfachkräfte, die "
            "in Anlagen der Wasserstoffwirtschaft arbeiten wollen.",
            body="Die Weiterbildung vermittelt Grundlagen der Elektrolyse, Gassicherheit und "
            "Anlagenwartung.\n\n"
            "- Zielgruppe: Fachkräfte mit abgeschlossener Ausbildung in Elektro- oder "
            "Metallberufen\n"
            "- Abschluss: IHK-Zertifikat\n"
            "- Förderung über Bildungsgutschein möglich\n\n"
            "Praxisphasen finden in Betrieben im Industriepark statt.",
            place="Frankfurt-Höchst, Industriepark",
            latitude=50.0930, longitude=8.5300, district_ags="06412",
            municipality_name="Frankfurt am Main",
            contact_name="Elena Brandt", contact_email="weiterbildung-ihk@example.org",
            contact_phone="+49 69 000-2210",
            links=["https://example.org/ihk-frankfurt/wasserstoff"],
            programme_name="Fachkraft für Wasserstofftechnik", programme_type="new_training",
            duration_months=6,
            providers="Bildungszentrum Main-Höchst (fiktiv), IHK Frankfurt am Main",
            experience="Erster Durchgang mit 14 Teilnehmenden, 12 bestanden; sieben wurden von "
            "Praxisbetrieben übernommen.",
        ),
        _post(
            "programme", "Kommunales Jobcenter Offenbach am Main", 14,
            title="Ausbildung Kaufmann/-frau im E-Commerce in Teilzeit",
            summary="Offenbacher Onlinehändler bilden im neuen Beruf aus, auch in Teilzeit für "
            "Eltern; das Jobcenter vermittelt und begleitet.",
            body="Der Ausbildungsberuf *Kaufmann/-frau im E-Commerce* verbindet Onlinemarketing, "
            "Warenwirtschaft und Kundenkommunikation.\n\n"
            "Fünf Betriebe bieten Teilzeitausbildung mit 30 Wochenstunden an. Die Berufsschule "
            "hat dafür eine eigene Klasse eingerichtet.\n\n"
            "Unsere Erfahrung: gute Deutschkenntnisse und Interesse an Zahlen sind wichtiger als "
            "der Schulabschluss.",
            place="Offenbach am Main, Innenstadt",
            latitude=50.1040, longitude=8.7600, district_ags="06413",
            municipality_name="Offenbach am Main",
            contact_name="Lena Marquardt", contact_email="kjc-of-ausbildung@example.org",
            contact_phone="+49 69 000-8041",
            programme_name="Kaufmann/-frau im E-Commerce", programme_type="new_occupation",
            duration_months=36, providers="Fünf Offenbacher Ausbildungsbetriebe, Berufsschule",
            experience="Im ersten Jahrgang 11 Auszubildende, davon 6 in Teilzeit; "
            "zwei Abbrüche.",
        ),
        _post(
            "programme", "Kreisjobcenter Fulda", 22,
            title="Generalistische Pflegeausbildung mit Sprachförderung",
            summary="Pflegeausbildung mit begleitendem Deutschkurs und Lernbegleitung für "
            "Menschen mit Migrationsgeschichte.",
            body="Die generalistische Ausbildung zur *Pflegefachfrau/zum Pflegefachmann* "
            "befähigt zur Arbeit in Klinik, Altenpflege und ambulanter Pflege.\n\n"
            "- Berufsbezogener Deutschkurs (B2) parallel zum ersten Ausbildungsjahr\n"
            "- Wöchentliche Lernbegleitung durch Pflegepädagoginnen\n"
            "- Kinderbetreuung für Frühdienste über Tagesmütter\n\n"
            "Die Kosten der Lernbegleitung trägt das Kreisjobcenter.",
            place="Fulda, Pflegeschule am Klinikum",
            latitude=50.5500, longitude=9.6800, district_ags="06631",
            municipality_name="Fulda",
            contact_name="Anja Böttcher", contact_email="kjc-fulda-pflege@example.org",
            contact_phone="+49 661 000-3391",
            links=["https://example.org/kjc-fulda/pflege"],
            programme_name="Pflegefachfrau/-mann (generalistisch)", programme_type="new_training",
            duration_months=36,
            providers="Pflegeschule Osthessen (fiktiv), Sprachschule Fulda (fiktiv)",
            experience="Von 24 Teilnehmenden im Vorjahr sind 21 noch in Ausbildung.",
        ),
        _post(
            "programme", "Jobcenter Wiesbaden", 30,
            title="Umschulung Fachinformatiker/in Daten- und Prozessanalyse",
            summary="Zweijährige Umschulung in der neuen Fachrichtung mit Praktikum bei "
            "Wiesbadener Verwaltungen und Versicherungen.",
            body="Die Fachrichtung *Daten- und Prozessanalyse* gibt es seit 2020. Sie bereitet "
            "auf Tätigkeiten zwischen IT und Fachabteilung vor.\n\n"
            "Die Umschulung dauert 24 Monate, davon acht Monate Praktikum. Ein Eignungstest ist "
            "vorgeschaltet.",
            place="Wiesbaden, Innenstadt",
            latitude=50.0800, longitude=8.2450, district_ags="06414",
            municipality_name="Wiesbaden",
            contact_name="Florian Ahrens", contact_email="jc-wi-weiterbildung@example.org",
            contact_phone="+49 611 000-3152",
            programme_name="Fachinformatiker/in Daten- und Prozessanalyse",
            programme_type="new_occupation", duration_months=24,
            providers="IT-Akademie Rhein-Main (fiktiv)",
            experience="Acht von zehn Absolventinnen und Absolventen arbeiten im Beruf; die "
            "Praktikumsbetriebe sind der wichtigste Einstieg.",
        ),
        _post(
            "programme", "Kreisjobcenter Hersfeld-Rotenburg", 5,
            title="Umschulung Fachkraft für Lagerlogistik in Bebra",
            summary="Betriebliche Umschulung mit Logistikunternehmen der Region; Start zweimal "
            "im Jahr.",
            body="Die Umschulung verkürzt die Ausbildung auf 24 Monate. Theorie findet in Bebra "
            "statt, die Praxis in Betrieben zwischen Bad Hersfeld und Rotenburg.\n\n"
            "Voraussetzung ist ein Staplerschein, den wir vorab fördern können.",
            place="Bebra, Bildungszentrum",
            latitude=50.9740, longitude=9.7950, district_ags="06632",
            municipality_name="Bebra",
            contact_name="Jörg Lindemeyer", contact_email="kjc-hef-weiterbildung@example.org",
            contact_phone="+49 6621 000-4412",
            programme_name="Fachkraft für Lagerlogistik (Umschulung)",
            programme_type="retraining", duration_months=24,
            providers="Bildungswerk Fulda-Werra (fiktiv)",
            experience="Hohe Übernahmequote: 17 von 19 Umschülerinnen und Umschülern.",
            valid_until=today + timedelta(days=120),
        ),
        _post(
            "programme", "Agentur für Arbeit Kassel", 37,
            title="Umschulung Berufskraftfahrer/in in Homberg (Efze)",
            summary="Berufskraftfahrerausbildung mit Führerschein CE und Grundqualifikation für "
            "Arbeitsuchende aus Nordhessen.",
            body="Die Umschulung umfasst Führerschein C/CE, beschleunigte Grundqualifikation und "
            "ein Praktikum bei Speditionen.\n\n"
            "Der Bedarf an Fahrerinnen und Fahrern bleibt in der Region hoch, besonders im "
            "Nahverkehr.",
            place="Homberg (Efze), Fahrschulzentrum",
            latitude=51.0300, longitude=9.4030, district_ags="06634",
            municipality_name="Homberg (Efze)",
            contact_name="Heike Sommerfeld", contact_email="aa-kassel-weiterbildung@example.org",
            contact_phone="+49 561 000-5521",
            programme_name="Berufskraftfahrer/in (Umschulung)", programme_type="retraining",
            duration_months=12, providers="Verkehrsbildung Schwalm-Eder (fiktiv)",
            experience="Die Prüfungsquote liegt bei 85 %, fast alle finden sofort eine Stelle.",
        ),
        _post(
            "programme", "Handwerkskammer Kassel", 11,
            title="Neuer Beruf: Elektroniker/in für Gebäudesystemintegration",
            summary="Der 2021 eingeführte Handwerksberuf verbindet Elektrotechnik, Smart Home und "
            "Energiemanagement; Betriebe in Nordhessen bilden aus.",
            body="Elektronikerinnen und Elektroniker für Gebäudesystemintegration planen und "
            "vernetzen Gebäudetechnik.\n\n"
            "- Dauer: 3,5 Jahre, Verkürzung möglich\n"
            "- Überbetriebliche Lehrgänge im Bildungszentrum der Handwerkskammer\n\n"
            "Wir vermitteln Praktika für junge Menschen aus den Jobcentern.",
            place="Kassel, Bildungszentrum der Handwerkskammer",
            latitude=51.3160, longitude=9.4980, district_ags="06611",
            municipality_name="Kassel",
            contact_name="Ulrich Dannenberg", contact_email="hwk-kassel-ausbildung@example.org",
            contact_phone="+49 561 000-7810",
            programme_name="Elektroniker/in für Gebäudesystemintegration",
            programme_type="new_occupation", duration_months=42,
            providers="Handwerksbetriebe in Nordhessen, Bildungszentrum der HWK",
            experience="Noch wenige Ausbildungsbetriebe; Praktika helfen beim Einstieg.",
        ),
        _post(
            "programme", "Kommunales Jobcenter Main-Taunus-Kreis", 44,
            title="Kaufmann/-frau für Digitalisierungsmanagement: Erfahrungen aus Hofheim",
            summary="Neuer kaufmännischer Beruf an der Schnittstelle zur IT; wir berichten über "
            "zwei Jahre Vermittlung in Ausbildung.",
            body="Der Beruf ersetzt seit 2020 den Informatikkaufmann. Betriebe im Main-Taunus-"
            "Kreis bilden vor allem in Verwaltung und Mittelstand aus.\n\n"
            "Erfahrung: Bewerbende mit Fachhochschulreife kommen gut zurecht; für andere lohnt "
            "eine Einstiegsqualifizierung vorab.",
            place="Hofheim am Taunus",
            latitude=50.0880, longitude=8.4450, district_ags="06436",
            municipality_name="Hofheim am Taunus",
            contact_name="Petra Quandt", contact_email="kjc-mtk-ausbildung@example.org",
            contact_phone="+49 6192 000-2412",
            programme_name="Kaufmann/-frau für Digitalisierungsmanagement",
            programme_type="new_occupation", duration_months=36,
            providers="Ausbildungsbetriebe im Main-Taunus-Kreis",
            experience="15 Vermittlungen in zwei Jahren, davon 4 nach Einstiegsqualifizierung.",
        ),
        _post(
            "programme", "Kommunales Jobcenter Odenwaldkreis", 19,
            title="Umschulung Anlagenmechaniker/in SHK mit Schwerpunkt Wärmepumpe",
            summary="Umschulung im Sanitär-, Heizungs- und Klimahandwerk mit Zusatzmodul "
            "Wärmepumpentechnik.",
            body="Handwerksbetriebe im Odenwald suchen dringend Fachkräfte für den Einbau von "
            "Wärmepumpen.\n\n"
            "Die Umschulung dauert 28 Monate und endet mit der Gesellenprüfung. Das Zusatzmodul "
            "umfasst Kältemittelschein und Hydraulik.",
            place="Erbach, Berufsbildungszentrum",
            latitude=49.6600, longitude=8.9900, district_ags="06437",
            municipality_name="Erbach",
            contact_name="Bernd Lautenschläger", contact_email="kjc-odw-weiterbildung@example.org",
            contact_phone="+49 6062 000-3010",
            programme_name="Anlagenmechaniker/in SHK (Umschulung, Schwerpunkt Wärmepumpe)",
            programme_type="retraining", duration_months=28,
            providers="Odenwälder Bildungswerk (fiktiv), Innung SHK",
            experience="Erster Jahrgang mit 9 Teilnehmenden, alle mit Praktikumsbetrieb.",
        ),
        _post(
            "programme", "Jobcenter Hochtaunuskreis", 26,
            title="Umschulung Kaufmann/-frau im Gesundheitswesen",
            summary="Umschulung für Menschen, die aus gesundheitlichen Gründen ihren bisherigen "
            "Beruf nicht mehr ausüben können.",
            body="Kliniken, Praxen und Krankenkassen in der Region suchen Verwaltungskräfte.\n\n"
            "Die Umschulung ist auch in Teilzeit möglich (30 Stunden, 30 Monate).",
            place="Bad Homburg v.d. Höhe",
            latitude=50.2250, longitude=8.6150, district_ags="06434",
            municipality_name="Bad Homburg v.d. Höhe",
            contact_name="Claudia Renner", contact_email="jc-htk-weiterbildung@example.org",
            contact_phone="+49 6172 000-6620",
            programme_name="Kaufmann/-frau im Gesundheitswesen (Umschulung)",
            programme_type="retraining", duration_months=24,
            providers="Taunus Bildungsakademie (fiktiv)",
            experience="Teilzeitvariante wird vor allem von Alleinerziehenden genutzt.",
        ),
        _post(
            "programme", "Kommunales Jobcenter Kreis Groß-Gerau", 50,
            title="Teilqualifizierung Hochvolttechnik für Kfz-Berufe in Rüsselsheim",
            summary="Modulare Qualifizierung für Elektrofahrzeuge: Kfz-Fachkräfte ohne "
            "Hochvolt-Schein werden fit für Werkstätten mit E-Flotten.",
            body="Drei Module: Hochvolt-Sensibilisierung, Fachkundige Person Hochvolt und "
            "Diagnose an E-Fahrzeugen.\n\n"
            "Die Teilnehmenden schließen mit Zertifikaten ab, die Werkstätten anerkennen.",
            place="Rüsselsheim am Main",
            latitude=49.9930, longitude=8.4120, district_ags="06433",
            municipality_name="Rüsselsheim am Main",
            contact_name="Nadine Herold", contact_email="kjc-gg-weiterbildung@example.org",
            contact_phone="+49 6152 000-3312",
            programme_name="Teilqualifizierung Hochvolttechnik", programme_type="new_training",
            duration_months=4, providers="Technikakademie Untermain (fiktiv)",
            experience="Gute Nachfrage bei Autohäusern und Flottenbetreibern.",
        ),
        _post(
            "programme", "Jobcenter Kreis Offenbach", None,
            title="Umschulung Fachkraft für Schutz und Sicherheit",
            summary="Geplante Umschulung mit Sicherheitsdienstleistern am Flughafen; "
            "Abstimmung mit Bildungsträgern läuft.",
            body="Noch in Abstimmung: Dauer, Träger und Starttermin werden noch ergänzt.",
            place="Langen (Hessen)",
            latitude=49.9896, longitude=8.6685, district_ags="06438",
            municipality_name="Langen (Hessen)",
            contact_name="Murat Aydın", contact_email="jc-kreis-of-weiterbildung@example.org",
            contact_phone="+49 6074 000-1022",
            programme_name="Fachkraft für Schutz und Sicherheit (Umschulung)",
            programme_type="retraining", duration_months=24, providers="", experience="",
        ),
    ]


def _projects(today: date) -> list[dict]:
    def d(days: int) -> date:
        return today + timedelta(days=days)

    return [
        _post(
            "project", KCA, 2,
            title="Startklar U25: Ausbildung statt Warteschleife in Gelnhausen",
            summary="Junge Menschen unter 25 ohne Ausbildungsplatz werden ein Jahr lang eng "
            "begleitet, vom Bewerbungstraining bis in die ersten Ausbildungsmonate.",
            body="Startklar U25 verbindet Coaching, Praktika und Nachhilfe.\n\n"
            "- Feste Ansprechperson für jede Teilnehmerin und jeden Teilnehmer\n"
            "- Betriebspraktika in Handwerk und Pflege\n"
            "- Begleitung in den ersten sechs Ausbildungsmonaten\n\n"
            "Gern geben wir unser Konzept an andere Jobcenter weiter.",
            place="Gelnhausen, Innenstadt",
            latitude=50.2020, longitude=9.1880, district_ags="06435",
            municipality_name="Gelnhausen",
            contact_name="Sandra Weidmann", contact_email="startklar-u25@example.org",
            contact_phone="+49 6051 000-1102",
            links=["https://example.org/kca-mkk/startklar-u25"],
            target_groups=["youth_u25"],
            period_start=d(-240), period_end=d(490),
            funding="Eingliederungsmittel SGB II und ESF Plus",
            instruments="Coaching nach § 16h SGB II, Einstiegsqualifizierung, "
            "Assistierte Ausbildung",
            participants=64, integrations=29,
        ),
        _post(
            "project", "Kommunales Jobcenter Offenbach am Main", 10,
            title="Teilzeitausbildung für Alleinerziehende in Offenbach",
            summary="Alleinerziehende Mütter und Väter finden mit Coaching und gesicherter "
            "Kinderbetreuung in eine Ausbildung in Teilzeit.",
            body="Das Projekt klärt mit den Teilnehmenden Kinderbetreuung, Finanzierung und "
            "Berufswahl, bevor die Bewerbungsphase beginnt.\n\n"
            "Partnerbetriebe sagen Teilzeitausbildung verbindlich zu. Für Randzeiten gibt es "
            "eine Notfallbetreuung.",
            place="Offenbach am Main",
            latitude=50.1006, longitude=8.7665, district_ags="06413",
            municipality_name="Offenbach am Main",
            contact_name="Lena Marquardt", contact_email="kjc-of-alleinerziehende@example.org",
            contact_phone="+49 69 000-8042",
            target_groups=["single_parents", "women_returning"],
            period_start=d(-400), period_end=d(330),
            funding="ESF Plus, Stadt Offenbach am Main",
            instruments="Coaching, Teilzeitberufsausbildung, Kinderbetreuung nach § 16a SGB II",
            participants=48, integrations=22,
        ),
        _post(
            "project", "Kreisjobcenter Fulda", 16,
            title="Erfahrung zählt: Beschäftigung für Menschen über 50 in Fulda",
            summary="Ältere Arbeitsuchende werden mit Betrieben zusammengebracht, die gezielt "
            "Erfahrung suchen; mit Gesundheitsangeboten und Probearbeit.",
            body="Viele Teilnehmende sind seit Jahren ohne Arbeit und haben gesundheitliche "
            "Einschränkungen.\n\n"
            "- Arbeitsplatzbezogene Gesundheitsberatung\n"
            "- Probearbeit bis zu vier Wochen\n"
            "- Lohnkostenzuschuss in den ersten Monaten\n\n"
            "Besonders gefragt sind die Teilnehmenden im Handel und in der Hausmeisterei.",
            place="Fulda, Innenstadt",
            latitude=50.5516, longitude=9.6752, district_ags="06631",
            municipality_name="Fulda",
            contact_name="Matthias Kreuzer", contact_email="kjc-fulda-50plus@example.org",
            contact_phone="+49 661 000-3382",
            target_groups=["over_50", "long_term_unemployed"],
            period_start=d(-300), period_end=d(400),
            funding="Eingliederungsmittel SGB II",
            instruments="Eingliederungszuschuss nach § 88 SGB III, Maßnahmen nach § 45 SGB III",
            participants=85, integrations=31,
        ),
        _post(
            "project", "Jobcenter Landkreis Gießen", 28,
            title="Sprache und Arbeit: Geflüchtete in Gießen in Beschäftigung",
            summary="Geflüchtete arbeiten früh in Betrieben und lernen parallel berufsbezogen "
            "Deutsch; Jobcoaches begleiten beide Seiten.",
            body="Das Projekt setzt auf frühe Arbeitsaufnahme statt langer Kursketten.\n\n"
            "Betriebe erhalten eine feste Ansprechperson. Der Sprachkurs findet an zwei Abenden "
            "pro Woche statt.",
            place="Gießen",
            latitude=50.5841, longitude=8.6784, district_ags="06531",
            municipality_name="Gießen",
            contact_name="Yasmin Karaca", contact_email="jc-giessen-integration@example.org",
            contact_phone="+49 641 000-9120",
            target_groups=["refugees"],
            period_start=d(-180), period_end=d(550),
            funding="Eingliederungsmittel SGB II, Land Hessen",
            instruments="Jobcoaching, Berufssprachkurse, Eingliederungszuschuss",
            participants=120, integrations=47,
        ),
        _post(
            "project", "Jobcenter Lahn-Dill", 33,
            title="Anerkennung und Arbeit: Fachkräfte mit Fluchtgeschichte in Wetzlar",
            summary="Geflüchtete mit Berufserfahrung werden bei der Anerkennung ihrer Abschlüsse "
            "unterstützt und in passende Stellen vermittelt.",
            body="Viele Teilnehmende haben im Herkunftsland als Elektriker, Pflegekraft oder "
            "Ingenieurin gearbeitet.\n\n"
            "Das Projekt begleitet das Anerkennungsverfahren, finanziert Übersetzungen und "
            "sucht Betriebe für Anpassungsqualifizierungen.",
            place="Wetzlar",
            latitude=50.5561, longitude=8.5043, district_ags="06532",
            municipality_name="Wetzlar",
            contact_name="Sabine Ortlepp", contact_email="jc-ldk-anerkennung@example.org",
            contact_phone="+49 6441 000-2142",
            target_groups=["refugees", "others"],
            period_start=d(-500), period_end=d(200),
            funding="ESF Plus",
            instruments="Anerkennungsberatung, Anpassungsqualifizierung, Jobcoaching",
            participants=72, integrations=38,
        ),
        _post(
            "project", "Kommunales Jobcenter Darmstadt-Dieburg", 7,
            title="Wiedereinstieg nach der Familienzeit in Darmstadt",
            summary="Frauen, die nach Familienzeit wieder arbeiten wollen, frischen ihr Wissen "
            "auf und finden Stellen mit passenden Arbeitszeiten.",
            body="Das Projekt richtet sich an Frauen aus Stadt und Landkreis, die mehrere Jahre "
            "nicht erwerbstätig waren.\n\n"
            "- Gruppentreffen vormittags während der Schulzeit\n"
            "- EDV-Auffrischung und Bewerbungstraining\n"
            "- Vermittlung in Teilzeitstellen bei Darmstädter Arbeitgebern",
            place="Darmstadt, Innenstadt",
            latitude=49.8728, longitude=8.6512, district_ags="06411",
            municipality_name="Darmstadt",
            contact_name="Katharina Vogt", contact_email="kjc-dadi-wiedereinstieg@example.org",
            contact_phone="+49 6151 000-4431",
            target_groups=["women_returning"],
            period_start=d(-150), period_end=d(580),
            funding="ESF Plus, Landkreis Darmstadt-Dieburg",
            instruments="Gruppencoaching, Maßnahmen nach § 45 SGB III",
            participants=40, integrations=13,
        ),
        _post(
            "project", "Kommunales Jobcenter Odenwaldkreis", 39,
            title="Teilhabe am Arbeitsmarkt im Odenwald",
            summary="Langzeitarbeitslose arbeiten sozialversicherungspflichtig bei Kommunen, "
            "Vereinen und Betrieben, begleitet durch ein Coaching.",
            body="Über § 16i SGB II werden Stellen für bis zu fünf Jahre gefördert.\n\n"
            "Die Einsatzstellen reichen vom Bauhof über Tafeln bis zu Handwerksbetrieben. "
            "Ein Drittel der Geförderten wechselte bereits in ungeförderte Arbeit.",
            place="Erbach",
            latitude=49.6570, longitude=8.9930, district_ags="06437",
            municipality_name="Erbach",
            contact_name="Bernd Lautenschläger", contact_email="kjc-odw-teilhabe@example.org",
            contact_phone="+49 6062 000-3012",
            target_groups=["long_term_unemployed"],
            period_start=d(-700), period_end=d(400),
            funding="Eingliederungsmittel SGB II (Passiv-Aktiv-Transfer)",
            instruments="Teilhabe am Arbeitsmarkt nach § 16i SGB II, beschäftigungsbegleitendes "
            "Coaching",
            participants=55, integrations=18,
        ),
        _post(
            "project", "Kommunales Jobcenter Vogelsbergkreis", 46,
            title="Inklusive Arbeitsplätze im Vogelsberg",
            summary="Menschen mit Behinderung werden mit Betrieben im ländlichen Raum "
            "zusammengebracht; Arbeitsplätze werden gemeinsam angepasst.",
            body="Eine Inklusionsberaterin besucht Betriebe und klärt Förderungen für "
            "Arbeitsplatzausstattung.\n\n"
            "Das Projekt arbeitet eng mit dem Integrationsfachdienst zusammen.",
            place="Lauterbach (Hessen)",
            latitude=50.6360, longitude=9.3970, district_ags="06535",
            municipality_name="Lauterbach (Hessen)",
            contact_name="Reinhard Scholl", contact_email="kjc-vb-inklusion@example.org",
            contact_phone="+49 6641 000-1772",
            target_groups=["disabilities"],
            period_start=d(-90), period_end=d(640),
            funding="Ausgleichsabgabe, Eingliederungsmittel SGB II",
            instruments="Arbeitsplatzausstattung, Probebeschäftigung, Eingliederungszuschuss",
            participants=26, integrations=7,
        ),
        _post(
            "project", "Jobcenter Hochtaunuskreis", 53,
            title="Gesund in Arbeit: Coaching für Langzeitarbeitslose in Bad Homburg",
            summary="Gesundheitsorientiertes Coaching für Menschen, deren Vermittlung an "
            "körperlichen oder psychischen Belastungen scheitert.",
            body="Sport, Ernährungsberatung und psychosoziale Beratung werden mit der "
            "Stellensuche verbunden.\n\n"
            "Die Zusammenarbeit mit Krankenkassen hat sich bewährt.",
            place="Bad Homburg v.d. Höhe",
            latitude=50.2270, longitude=8.6180, district_ags="06434",
            municipality_name="Bad Homburg v.d. Höhe",
            contact_name="Claudia Renner", contact_email="jc-htk-gesund@example.org",
            contact_phone="+49 6172 000-6622",
            target_groups=["long_term_unemployed", "over_50"],
            period_start=d(-420), period_end=d(310),
            funding="Eingliederungsmittel SGB II, Kooperation mit Krankenkassen",
            instruments="Ganzheitliche Betreuung nach § 16k SGB II",
            participants=90, integrations=24,
        ),
        _post(
            "project", "Kommunales Jobcenter Rheingau-Taunus-Kreis", 21,
            title="Mobil zur Arbeit im Rheingau-Taunus-Kreis",
            summary="Fehlende Mobilität verhindert im ländlichen Raum oft die Arbeitsaufnahme; "
            "das Projekt fördert Führerscheine, E-Bikes und Fahrgemeinschaften.",
            body="Viele Stellen im Rheingau und Untertaunus sind mit dem Bus schwer erreichbar.\n\n"
            "- Führerscheinförderung mit Fahrschulkooperation\n"
            "- Leih-E-Bikes für die ersten drei Monate\n"
            "- Vermittlung von Fahrgemeinschaften über Arbeitgeber",
            place="Bad Schwalbach",
            latitude=50.1410, longitude=8.0690, district_ags="06439",
            municipality_name="Bad Schwalbach",
            contact_name="Stefan Hallmann", contact_email="kjc-rtk-mobil@example.org",
            contact_phone="+49 6124 000-5102",
            target_groups=["long_term_unemployed", "youth_u25"],
            period_start=d(-200), period_end=d(530),
            funding="Eingliederungsmittel SGB II, Rheingau-Taunus-Kreis",
            instruments="Vermittlungsbudget nach § 44 SGB III, Mobilitätshilfen",
            participants=60, integrations=26,
        ),
        _post(
            "project", "Kommunales Jobcenter Main-Taunus-Kreis", 13,
            title="Berufsorientierung für Jugendliche in Hofheim",
            summary="Schülerinnen und Schüler aus Bedarfsgemeinschaften lernen in Werkstatttagen "
            "Berufe kennen und finden Praktikumsbetriebe.",
            body="Die Werkstatttage finden in den Ferien statt. Betriebe aus dem Kreis stellen "
            "sich vor und bieten Praktika an.\n\n"
            "Eltern werden zu einem eigenen Informationsabend eingeladen.",
            place="Hofheim am Taunus",
            latitude=50.0900, longitude=8.4480, district_ags="06436",
            municipality_name="Hofheim am Taunus",
            contact_name="Petra Quandt", contact_email="kjc-mtk-jugend@example.org",
            contact_phone="+49 6192 000-2414",
            target_groups=["youth_u25"],
            period_start=d(-100), period_end=d(260),
            funding="Eingliederungsmittel SGB II",
            instruments="Berufsorientierung, Praktika, Einstiegsqualifizierung",
            participants=110, integrations=35,
        ),
        _post(
            "project", "Jobcenter Wiesbaden", 42,
            title="Frauen mit Fluchtgeschichte in Arbeit in Wiesbaden",
            summary="Geflüchtete Frauen erhalten Deutschkurse mit Kinderbetreuung und werden "
            "in Pflege, Kita und Handel vermittelt.",
            body="Kurs und Kinderbetreuung finden im selben Haus statt. Das senkt die Hürde zur "
            "Teilnahme erheblich.\n\n"
            "Nach dem Kurs folgen Praktika bei Partnerarbeitgebern.",
            place="Wiesbaden",
            latitude=50.0826, longitude=8.2400, district_ags="06414",
            municipality_name="Wiesbaden",
            contact_name="Tobias Rennert", contact_email="jc-wi-frauen@example.org",
            contact_phone="+49 611 000-3154",
            target_groups=["refugees", "women_returning"],
            period_start=d(-330), period_end=d(370),
            funding="ESF Plus, Landeshauptstadt Wiesbaden",
            instruments="Integrationskurs mit Kinderbetreuung, Praktika, Jobcoaching",
            participants=52, integrations=17,
        ),
        _post(
            "project", "Handwerkskammer Kassel", 36,
            title="Handwerk integriert: Ausbildung für Geflüchtete im Werra-Meißner-Kreis",
            summary="Junge Geflüchtete beginnen mit Einstiegsqualifizierung und "
            "ausbildungsbegleitender Hilfe eine Handwerksausbildung in Eschwege.",
            body="Handwerksbetriebe im Werra-Meißner-Kreis finden kaum Auszubildende. Das "
            "Projekt bringt beide Seiten zusammen.\n\n"
            "Ausbildungsbegleiterinnen unterstützen bei Berufsschule und Alltag.",
            place="Eschwege",
            latitude=51.1880, longitude=10.0530, district_ags="06636",
            municipality_name="Eschwege",
            contact_name="Ulrich Dannenberg", contact_email="hwk-kassel-integration@example.org",
            contact_phone="+49 561 000-7812",
            target_groups=["refugees", "youth_u25"],
            period_start=d(-260), period_end=d(460),
            funding="Land Hessen, Handwerkskammer Kassel",
            instruments="Einstiegsqualifizierung, Assistierte Ausbildung",
            participants=30, integrations=19,
        ),
        _post(
            "project", "Kommunales Jobcenter Darmstadt-Dieburg", 57,
            title="Alleinerziehende in Arbeit: Netzwerk Dieburg",
            summary="Alleinerziehende werden mit familienfreundlichen Arbeitgebern im Ostkreis "
            "zusammengebracht; abgeschlossenes Projekt mit Ergebnissen.",
            body="Das Projekt ist abgeschlossen. Die Ergebnisse:\n\n"
            "- 70 Teilnehmende, 28 Arbeitsaufnahmen\n"
            "- 12 Arbeitgeber bieten dauerhaft Teilzeit in Randzeiten an\n\n"
            "Der Abschlussbericht ist auf Anfrage erhältlich.",
            place="Dieburg",
            latitude=49.8980, longitude=8.8380, district_ags="06432",
            municipality_name="Dieburg",
            contact_name="Katharina Vogt", contact_email="kjc-dadi-alleinerziehende@example.org",
            contact_phone="+49 6151 000-4433",
            target_groups=["single_parents"],
            period_start=d(-760), period_end=d(-30),
            funding="ESF Plus", instruments="Coaching, Kinderbetreuung, Arbeitgebernetzwerk",
            participants=70, integrations=28,
            valid_until=d(90),
        ),
        _post(
            "project", "Kreisjobcenter Marburg-Biedenkopf", 31,
            title="Betriebsnahe Qualifizierung in Stadtallendorf",
            summary="Langzeitarbeitslose werden direkt in Industriebetrieben zu "
            "Maschinenbedienerinnen und -bedienern qualifiziert.",
            body="Die Qualifizierung findet zu zwei Dritteln im Betrieb statt. Die Betriebe "
            "verpflichten sich zur Einstellung bei Erfolg.",
            place="Stadtallendorf",
            latitude=50.8226, longitude=9.0129, district_ags="06534",
            municipality_name="Stadtallendorf",
            contact_name="Dr. Kerstin Faßbender",
            contact_email="kjc-mr-qualifizierung@example.org",
            contact_phone="+49 6421 000-6612",
            target_groups=["long_term_unemployed", "refugees"],
            period_start=d(-120), period_end=d(250),
            funding="Eingliederungsmittel SGB II",
            instruments="Maßnahmen beim Arbeitgeber nach § 45 SGB III, Eingliederungszuschuss",
            participants=36, integrations=14,
        ),
        _post(
            "project", "Jobcenter Kreis Bergstraße", 4,
            title="Jugend stärken an der Bergstraße",
            summary="Aufsuchende Arbeit für junge Menschen, die das Jobcenter nicht mehr "
            "erreicht; Streetwork, Wohnhilfe und Ausbildungsvermittlung aus einer Hand.",
            body="Sozialpädagoginnen suchen junge Menschen dort auf, wo sie sich aufhalten.\n\n"
            "Zuerst werden Wohnen, Schulden und Gesundheit geklärt, dann folgt die Suche nach "
            "Ausbildung oder Arbeit.",
            place="Heppenheim (Bergstraße)",
            latitude=49.6420, longitude=8.6380, district_ags="06431",
            municipality_name="Heppenheim (Bergstraße)",
            contact_name="Thorsten Eberle", contact_email="jc-bergstrasse-jugend@example.org",
            contact_phone="+49 6252 000-5512",
            target_groups=["youth_u25"],
            period_start=d(-60), period_end=d(670),
            funding="Eingliederungsmittel SGB II, Kreis Bergstraße",
            instruments="Förderung schwer zu erreichender junger Menschen nach § 16h SGB II",
            participants=24, integrations=4,
        ),
        _post(
            "project", KCA, None,
            title="50plus im Kinzigtal",
            summary="Geplantes Projekt für ältere Langzeitarbeitslose im östlichen "
            "Main-Kinzig-Kreis; Konzept in Abstimmung.",
            body="Noch in Abstimmung: Träger und Förderung werden noch geklärt.",
            place="Schlüchtern",
            latitude=50.3489, longitude=9.5253, district_ags="06435",
            municipality_name="Schlüchtern",
            contact_name="Sandra Weidmann", contact_email="kca-koordination@example.org",
            contact_phone="+49 6051 000-1101",
            target_groups=["over_50", "long_term_unemployed"],
            period_start=d(60), period_end=d(790),
            funding="", instruments="", participants=None, integrations=None,
        ),
    ]


MON, TUE, WED, THU, FRI, SAT = range(6)


def _fair(today: date, days: int, weekday: int, hours: tuple[int, int], deadline_days: int
          ) -> dict[str, Any]:
    """Start, end and registration deadline of a fair on a weekday near today + days."""
    day = _on_weekday(today, days, weekday)
    return {"starts_at": _at(day, hours[0]), "ends_at": _at(day, hours[1]),
            "registration_deadline": day - timedelta(days=deadline_days)}



def _fairs(today: date) -> list[dict]:
    return [
        _post(
            "fair", "Agentur für Arbeit Frankfurt am Main", 18,
            title="Jobmesse am Frankfurter Flughafen",
            summary="Über 80 Arbeitgeber aus Luftfahrt, Logistik, Sicherheit und Gastronomie "
            "stellen sich im Konferenzbereich von Terminal 1 vor.",
            body="Die gemeinsame Jobmesse von Agentur für Arbeit, Jobcenter Frankfurt und den "
            "kommunalen Jobcentern der Flughafenregion.\n\n"
            "- Vorstellungsgespräche direkt vor Ort\n"
            "- Bewerbungsmappen-Check und Fotoservice\n"
            "- Infostand zur Zuverlässigkeitsüberprüfung\n\n"
            "Bitte Lebenslauf mitbringen. Anreise mit S-Bahn und Regionalbahn empfohlen.",
            place="Frankfurt Flughafen, Terminal 1",
            latitude=50.0507, longitude=8.5713, district_ags="06412",
            municipality_name="Frankfurt am Main",
            contact_name="Volker Stenzel", contact_email="jobmesse-flughafen@example.org",
            contact_phone="+49 69 000-6010",
            links=["https://example.org/jobmesse-flughafen"],
            **_fair(today, 24, WED, (10, 16), 10),
            venue="Terminal 1, Konferenzbereich",
            organisers="Agentur für Arbeit Frankfurt am Main, Jobcenter Frankfurt am Main, "
            "Kommunales Jobcenter Kreis Groß-Gerau, Jobcenter Kreis Offenbach, "
            "Kommunales Jobcenter Main-Taunus-Kreis",
            registration_url="https://example.org/jobmesse-flughafen/aussteller",
            exhibitors_expected=85,
            audience="Arbeitsuchende, Berufsrückkehrende, Schülerinnen und Schüler",
            target_groups=["long_term_unemployed", "youth_u25", "refugees"],
            is_free=True,
        ),
        _post(
            "fair", KCA, 9,
            title="Job- und Ausbildungsmesse auf der Messe Wächtersbach",
            summary="Die große Jobmesse des Main-Kinzig-Kreises mit Ausbildungsbetrieben, "
            "Arbeitgebern und Beratungsangeboten.",
            body="Auf dem Gelände der Messe Wächtersbach präsentieren sich Arbeitgeber aus der "
            "ganzen Region.\n\n"
            "Das KCA bietet Beratung zu Förderung, Kinderbetreuung und Weiterbildung an. "
            "Ein kostenloser Shuttlebus fährt ab Bahnhof Wächtersbach.",
            place="Wächtersbach, Messegelände",
            latitude=50.2530, longitude=9.2880, district_ags="06435",
            municipality_name="Wächtersbach",
            contact_name="Sandra Weidmann", contact_email="kca-jobmesse@example.org",
            contact_phone="+49 6051 000-1105",
            links=["https://example.org/kca-mkk/jobmesse"],
            **_fair(today, 38, SAT, (10, 16), 14),
            venue="Messe Wächtersbach, Halle 1 und 2",
            organisers="Kommunales Center für Arbeit (KCA) Main-Kinzig-Kreis, "
            "Wirtschaftsförderung Main-Kinzig (fiktiv)",
            registration_url="https://example.org/kca-mkk/jobmesse/aussteller",
            exhibitors_expected=120,
            audience="Jugendliche, Arbeitsuchende, Wiedereinsteigende",
            target_groups=["youth_u25", "women_returning"], is_free=True,
        ),
        _post(
            "fair", "Handwerkskammer Kassel", 12,
            title="Ausbildungsbörse Handwerk in Kassel",
            summary="Handwerksbetriebe aus Nordhessen suchen Auszubildende; mit Mitmach-"
            "Werkstätten und Speed-Dating.",
            body="Mehr als 40 Gewerke zum Ausprobieren.\n\n"
            "- Speed-Dating mit Betrieben\n"
            "- Beratung zu Ausbildung in Teilzeit\n"
            "- Infos zu Berufsausbildungsbeihilfe und Fahrtkosten",
            place="Kassel, Kongress Palais",
            latitude=51.3130, longitude=9.4720, district_ags="06611",
            municipality_name="Kassel",
            contact_name="Ulrich Dannenberg", contact_email="hwk-kassel-messe@example.org",
            contact_phone="+49 561 000-7814",
            **_fair(today, 17, SAT, (10, 15), 7),
            venue="Kongress Palais Kassel",
            organisers="Handwerkskammer Kassel, Agentur für Arbeit Kassel",
            registration_url="https://example.org/hwk-kassel/ausbildungsboerse",
            exhibitors_expected=70, audience="Schülerinnen und Schüler, junge Erwachsene",
            target_groups=["youth_u25"], is_free=True,
        ),
        _post(
            "fair", "Handwerkskammer Kassel", 25,
            title="Handwerk sucht Fachkräfte: Jobbörse in Korbach",
            summary="Betriebe aus Waldeck-Frankenberg stellen offene Stellen und "
            "Ausbildungsplätze im Handwerk vor.",
            body="Die Jobbörse findet in der Stadthalle Korbach statt. Neben Betrieben "
            "informieren Innungen über Umschulung und Meisterkurse.",
            place="Korbach, Stadthalle",
            latitude=51.2740, longitude=8.8710, district_ags="06635",
            municipality_name="Korbach",
            contact_name="Ulrich Dannenberg", contact_email="hwk-kassel-messe@example.org",
            contact_phone="+49 561 000-7814",
            **_fair(today, 52, THU, (13, 18), 14),
            venue="Stadthalle Korbach",
            organisers="Handwerkskammer Kassel, Kreishandwerkerschaft Waldeck-Frankenberg",
            registration_url=None, exhibitors_expected=35,
            audience="Fachkräfte, Umschulungsinteressierte, Jugendliche", is_free=True,
        ),
        _post(
            "fair", "Kreisjobcenter Hersfeld-Rotenburg", 45,
            title="Logistik-Jobtag in Bad Hersfeld",
            summary="Arbeitgeber aus der Logistikregion Bad Hersfeld stellten sich vor; "
            "Rückblick mit Ergebnissen.",
            body="Der Logistik-Jobtag hat stattgefunden. 28 Aussteller, rund 900 Besucherinnen "
            "und Besucher, über 150 vereinbarte Vorstellungsgespräche.\n\n"
            "Der nächste Jobtag ist in Planung.",
            place="Bad Hersfeld, Stadthalle",
            latitude=50.8673, longitude=9.7085, district_ags="06632",
            municipality_name="Bad Hersfeld",
            contact_name="Jörg Lindemeyer", contact_email="kjc-hef-jobtag@example.org",
            contact_phone="+49 6621 000-4414",
            **_fair(today, -12, TUE, (9, 15), 14),
            venue="Stadthalle Bad Hersfeld",
            organisers="Kreisjobcenter Hersfeld-Rotenburg, Wirtschaftsförderung "
            "Hersfeld-Rotenburg (fiktiv)",
            registration_url=None, exhibitors_expected=28,
            audience="Arbeitsuchende, Quereinsteigende", is_free=True,
        ),
        _post(
            "fair", KCA, 29,
            title="Jobmesse Wetterau in Friedberg",
            summary="Gemeinsame Jobmesse für die Wetterau und den westlichen Main-Kinzig-Kreis "
            "mit Arbeitgebern aus Handel, Pflege und Industrie.",
            body="Die Messe wird gemeinsam mit dem Jobcenter Wetterau und dem KCA "
            "ausgerichtet.\n\n"
            "Kostenlose Kinderbetreuung im Nebenraum; Dolmetschende für Arabisch, Dari und "
            "Ukrainisch sind vor Ort.",
            place="Friedberg (Hessen), Stadthalle",
            latitude=50.3380, longitude=8.7560, district_ags="06440",
            municipality_name="Friedberg (Hessen)",
            contact_name="Carsten Wiegand", contact_email="jobmesse-wetterau@example.org",
            contact_phone="+49 6031 000-2020",
            **_fair(today, 31, TUE, (10, 15), 10),
            venue="Stadthalle Friedberg",
            organisers="Jobcenter Wetteraukreis, Kommunales Center für Arbeit (KCA) "
            "Main-Kinzig-Kreis",
            registration_url="https://example.org/jobmesse-wetterau",
            exhibitors_expected=60, audience="Arbeitsuchende, Geflüchtete, Alleinerziehende",
            target_groups=["refugees", "single_parents"], is_free=True,
        ),
        _post(
            "fair", "Jobcenter Lahn-Dill", 23,
            title="Jobbörse Limburg-Weilburg und Lahn-Dill",
            summary="Arbeitgeber entlang der Lahn stellen sich vor; Schwerpunkt Industrie, "
            "Handwerk und Pflege.",
            body="Eine gemeinsame Jobbörse mehrerer Jobcenter entlang der Lahn.\n\n"
            "Bewerbende können sich vorab für Gesprächstermine anmelden.",
            place="Limburg a.d. Lahn, Stadthalle",
            latitude=50.3870, longitude=8.0620, district_ags="06533",
            municipality_name="Limburg a.d. Lahn",
            contact_name="Sabine Ortlepp", contact_email="jobboerse-lahn@example.org",
            contact_phone="+49 6431 000-1190",
            **_fair(today, 45, THU, (10, 16), 14),
            venue="Stadthalle Limburg",
            organisers="Jobcenter Lahn-Dill, Jobcenter Limburg-Weilburg, Kommunales "
            "Jobcenter Rheingau-Taunus-Kreis",
            registration_url="https://example.org/jobboerse-lahn/anmeldung",
            exhibitors_expected=55, audience="Arbeitsuchende, Berufsrückkehrende",
            is_free=True,
        ),
        _post(
            "fair", "Jobcenter Wiesbaden", 1,
            title="Wiesbadener Jobmesse im RheinMain CongressCenter",
            summary="Die Jobmesse der Landeshauptstadt mit Arbeitgebern aus Verwaltung, IT, "
            "Gesundheit und Handel.",
            body="Rund 90 Arbeitgeber, darunter viele aus dem öffentlichen Dienst.\n\n"
            "- Bewerbungsfotos kostenlos\n"
            "- Vorträge zu Quereinstieg und Weiterbildung\n"
            "- Beratung in mehreren Sprachen",
            place="Wiesbaden, RheinMain CongressCenter",
            latitude=50.0776, longitude=8.2437, district_ags="06414",
            municipality_name="Wiesbaden",
            contact_name="Tobias Rennert", contact_email="jobmesse-wiesbaden@example.org",
            contact_phone="+49 611 000-3156",
            links=["https://example.org/jc-wiesbaden/jobmesse"],
            **_fair(today, 66, WED, (10, 17), 21),
            venue="RheinMain CongressCenter, Halle Nord",
            organisers="Jobcenter Wiesbaden",
            registration_url="https://example.org/jc-wiesbaden/jobmesse/aussteller",
            exhibitors_expected=90, audience="Arbeitsuchende, Studierende, Wiedereinsteigende",
            is_free=True,
        ),
        _post(
            "fair", "Kommunales Jobcenter Darmstadt-Dieburg", 55,
            title="Karrieretag im darmstadtium",
            summary="Rückblick: Karrieretag für Stadt und Landkreis mit Arbeitgebern aus "
            "Technik, Chemie und Pflege.",
            body="Der Karrieretag hat stattgefunden: 65 Aussteller, rund 2.000 Besucherinnen und "
            "Besucher.\n\nDanke an alle Beteiligten!",
            place="Darmstadt, darmstadtium",
            latitude=49.8746, longitude=8.6578, district_ags="06411",
            municipality_name="Darmstadt",
            contact_name="Katharina Vogt", contact_email="kjc-dadi-karrieretag@example.org",
            contact_phone="+49 6151 000-4435",
            **_fair(today, -26, THU, (10, 16), 21),
            venue="darmstadtium, Wissenschafts- und Kongresszentrum",
            organisers="Kommunales Jobcenter Darmstadt-Dieburg, Jobcenter Darmstadt",
            registration_url=None, exhibitors_expected=65,
            audience="Arbeitsuchende, Fachkräfte, Studierende", is_free=True,
        ),
        _post(
            "fair", "Jobcenter Kreis Offenbach", 11,
            title="Jobbörse Kreis Offenbach in Dietzenbach",
            summary="Arbeitgeber aus dem Kreis Offenbach suchen Personal für Logistik, Handel, "
            "Pflege und Büro.",
            body="Die Jobbörse findet im Bürgerhaus Dietzenbach statt.\n\n"
            "Teilzeitstellen sind auf dem Hallenplan markiert.",
            place="Dietzenbach, Bürgerhaus",
            latitude=50.0110, longitude=8.7800, district_ags="06438",
            municipality_name="Dietzenbach",
            contact_name="Murat Aydın", contact_email="jc-kreis-of-jobboerse@example.org",
            contact_phone="+49 6074 000-1024",
            **_fair(today, 13, THU, (10, 15), 5),
            venue="Bürgerhaus Dietzenbach",
            organisers="Jobcenter Kreis Offenbach",
            registration_url="https://example.org/jc-kreis-offenbach/jobboerse",
            exhibitors_expected=45, audience="Arbeitsuchende, Alleinerziehende",
            target_groups=["single_parents"], is_free=True,
        ),
        _post(
            "fair", "Jobcenter Landkreis Gießen", 20,
            title="Mittelhessische Jobmesse in den Hessenhallen Gießen",
            summary="Große Jobmesse für Mittelhessen mit Arbeitgebern, Hochschulen und "
            "Beratungsstellen.",
            body="In zwei Hallen stellen sich Arbeitgeber, Bildungsträger und Hochschulen vor.\n\n"
            "Eine Sprechstunde zur Anerkennung ausländischer Abschlüsse ist eingerichtet.",
            place="Gießen, Hessenhallen",
            latitude=50.5735, longitude=8.6900, district_ags="06531",
            municipality_name="Gießen",
            contact_name="Yasmin Karaca", contact_email="jc-giessen-jobmesse@example.org",
            contact_phone="+49 641 000-9122",
            **_fair(today, 58, SAT, (10, 16), 21),
            venue="Hessenhallen Gießen",
            organisers="Jobcenter Landkreis Gießen, Jobcenter Lahn-Dill, Kreisjobcenter "
            "Marburg-Biedenkopf, Kommunales Jobcenter Vogelsbergkreis",
            registration_url="https://example.org/jc-giessen/jobmesse",
            exhibitors_expected=110, audience="Arbeitsuchende, Geflüchtete, Studierende",
            target_groups=["refugees"], is_free=True,
        ),
        _post(
            "fair", "Kreisjobcenter Fulda", 32,
            title="Osthessische Pflegejobbörse in Fulda",
            summary="Kliniken, Pflegeheime und ambulante Dienste aus Osthessen suchen "
            "Pflegekräfte und Auszubildende.",
            body="Schwerpunkt ist die generalistische Pflegeausbildung.\n\n"
            "Auszubildende berichten aus ihrem Alltag; Pflegeschulen beraten zu Einstieg und "
            "Förderung.",
            place="Fulda, Kongresszentrum",
            latitude=50.5560, longitude=9.6810, district_ags="06631",
            municipality_name="Fulda",
            contact_name="Anja Böttcher", contact_email="kjc-fulda-pflegeboerse@example.org",
            contact_phone="+49 661 000-3393",
            **_fair(today, 40, WED, (14, 18), 10),
            venue="Kongresszentrum Fulda",
            organisers="Kreisjobcenter Fulda, Pflegeschule Osthessen (fiktiv)",
            registration_url="https://example.org/kjc-fulda/pflegeboerse",
            exhibitors_expected=30, audience="Pflegeinteressierte, Wiedereinsteigende, "
            "Menschen über 50",
            target_groups=["over_50", "women_returning"], is_free=True,
        ),
        _post(
            "fair", "IHK Frankfurt am Main", 6,
            title="Karriere- und Weiterbildungsmesse der IHK Frankfurt",
            summary="Weiterbildungsanbieter und Unternehmen informieren über "
            "Aufstiegsfortbildung, Umschulung und Quereinstieg.",
            body="Vorträge zu Fachwirt, Meister und Bildungsgutschein.\n\n"
            "Für Arbeitsuchende mit Nachweis des Jobcenters ist der Eintritt frei.",
            place="Frankfurt am Main, IHK am Börsenplatz",
            latitude=50.1153, longitude=8.6768, district_ags="06412",
            municipality_name="Frankfurt am Main",
            contact_name="Elena Brandt", contact_email="ihk-messe@example.org",
            contact_phone="+49 69 000-2214",
            links=["https://example.org/ihk-frankfurt/karrieremesse"],
            **_fair(today, 10, FRI, (12, 18), 3),
            venue="IHK Frankfurt am Main, Börsenplatz",
            organisers="IHK Frankfurt am Main",
            registration_url="https://example.org/ihk-frankfurt/karrieremesse/tickets",
            exhibitors_expected=50,
            audience="Beschäftigte, Arbeitsuchende, Umschulungsinteressierte",
            is_free=False, fee_note="Eintritt 5 €, für Arbeitsuchende mit Nachweis frei",
        ),
        _post(
            "fair", "Kreisjobcenter Marburg-Biedenkopf", 0,
            title="Marburger Jobmesse im Erwin-Piscator-Haus",
            summary="Arbeitgeber aus Pharmaindustrie, Universität und Handwerk suchen Personal "
            "aus dem Landkreis Marburg-Biedenkopf.",
            body="Die Jobmesse bringt Arbeitgeber und Arbeitsuchende aus dem ganzen Landkreis "
            "zusammen.\n\n"
            "Busse aus Biedenkopf und Stadtallendorf fahren zum Messetag im Stundentakt.",
            place="Marburg, Erwin-Piscator-Haus",
            latitude=50.8040, longitude=8.7690, district_ags="06534",
            municipality_name="Marburg",
            contact_name="Dr. Kerstin Faßbender", contact_email="kjc-mr-jobmesse@example.org",
            contact_phone="+49 6421 000-6614",
            **_fair(today, 74, SAT, (10, 15), 21),
            venue="Erwin-Piscator-Haus",
            organisers="Kreisjobcenter Marburg-Biedenkopf",
            registration_url="https://example.org/kjc-marburg-biedenkopf/jobmesse",
            exhibitors_expected=60, audience="Arbeitsuchende, Auszubildende, Studierende",
            is_free=True,
        ),
        _post(
            "fair", KCA, None,
            title="Ausbildungsmesse Hanau",
            summary="Geplante Ausbildungsmesse in Hanau für den westlichen Main-Kinzig-Kreis; "
            "Termin und Halle noch offen.",
            body="Noch in Abstimmung: Aussteller werden ab nächsten Monat angefragt.",
            place="Hanau, Innenstadt",
            latitude=50.1342, longitude=8.9142, district_ags="06435",
            municipality_name="Hanau",
            contact_name="Sandra Weidmann", contact_email="kca-koordination@example.org",
            contact_phone="+49 6051 000-1101",
            **_fair(today, 84, SAT, (10, 14), 21),
            venue="Hanau (Halle noch offen)",
            organisers="Kommunales Center für Arbeit (KCA) Main-Kinzig-Kreis",
            registration_url=None, exhibitors_expected=40, audience="Schülerinnen und Schüler",
            target_groups=["youth_u25"], is_free=True,
        ),
    ]
