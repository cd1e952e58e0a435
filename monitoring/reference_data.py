"""The key figures (kerncijfers) of the concept note as indicators, and their loader.

Source: *Conceptnota over de beleidsdomeinoverschrijdende aanpak om drempels naar werk
weg te werken* (Mededeling aan de Vlaamse Regering) and the sources it cites. The
project carries its own copy of these facts. ``load_indicators()`` is idempotent: it
creates what is missing and updates values that differ, and a second run writes nothing.
Measurements named here are facts from the note (the baseline and, where the note gives
one, an earlier value); demo measurements are added by ``monitoring.demo``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

EAK = "Steunpunt Werk op basis van Statbel (Algemene Directie Statistiek) – Enquête naar de Arbeidskrachten (EAK)"
NOTE_TABLE_1 = f"Conceptnota drempels naar werk, Tabel 1 (arbeidsreserve Vlaams Gewest 20-64 jaar, 2024); {EAK}"

SW_RESERVE = ("Steunpunt Werk op basis van Statbel (Algemene Directie Statistiek) – EAK, trendniveau 2de kwartaal "
              "2024 (presentatie 'Arbeidsreserve vanuit een ruime blik')")
POM = ("POM West-Vlaanderen, studie tewerkstelling en participatie van kansengroepen 2014-2019 (EAK – Labour Force "
       "Survey 2019 en diverse bronnen, verwerking POM West-Vlaanderen)")
PQ_264 = ("Vlaams Parlement, schriftelijke vraag nr. 264 van 12 februari 2024 (VDAB – bereik werkzoekenden en "
          "inactieven), antwoord van de Vlaamse minister van Werk")
WVL = "West-Vlaanderen"

# slug, name, definition, unit, value, year, source, barrier slugs, higher_is_better,
# optional target (value, year), earlier measurements [(year, value, note)] and breakdowns by region or
# target group [(year, value, note, region, target group slug)]. ``value`` None: the source gives only a
# target, no starting value (the indicator then has no baseline). ``demo`` False: no made-up demo series.
INDICATORS: list[dict] = [
    dict(
        slug="werkzaamheidsgraad-20-64",
        name="Werkzaamheidsgraad 20-64 jaar",
        definition="Aandeel werkenden in de bevolking van 20 tot 64 jaar in het Vlaams Gewest. De Vlaamse Regering "
        "streeft naar een werkzaamheidsgraad van 80% tijdens deze legislatuur (tegen 2029).",
        unit="percent", value="76.9", year=2024, source=NOTE_TABLE_1,
        barriers=[], higher_is_better=True, target=("80", 2029),
        earlier=[(2019, "75.5", f"EAK 2019, zoals vermeld in de studie van {POM}")],
        breakdowns=[(2019, "77.5", "EAK 2019, verwerking POM West-Vlaanderen", WVL, None)],
    ),
    dict(
        slug="niet-beroepsactieven-20-64",
        name="Niet-beroepsactieven 20-64 jaar",
        definition="Personen van 20 tot 64 jaar die niet werken en niet werkloos zijn volgens de ILO-definitie "
        "(794.276 personen, 20,5% van de 20-64-jarigen in 2024).",
        unit="count", value="794276", year=2024, source=NOTE_TABLE_1,
        barriers=[], higher_is_better=False,
        breakdowns=[(2024, "78764", "Tabel 1 van de conceptnota", "", "zoekend-beschikbaar"),
                    (2024, "233703", "Tabel 1 van de conceptnota", "", "arbeidsongeschikten"),
                    (2024, "116435", "Tabel 1 van de conceptnota", "", "huisvrouwen-huismannen")],
    ),
    dict(
        slug="arbeidsongeschikten-20-64",
        name="Arbeidsongeschikten 20-64 jaar",
        definition="Niet-beroepsactieven van 20 tot 64 jaar die arbeidsongeschikt zijn (233.703 personen, 6,0% in 2024).",
        unit="count", value="233703", year=2024, source=NOTE_TABLE_1,
        barriers=["gezondheid-arbeidsbeperking"], higher_is_better=False,
    ),
    dict(
        slug="huisvrouwen-huismannen-20-64",
        name="Huisvrouwen en -mannen 20-64 jaar",
        definition="Niet-beroepsactieven van 20 tot 64 jaar die huisvrouw of -man zijn (116.435 personen, 3,0% in 2024).",
        unit="count", value="116435", year=2024, source=NOTE_TABLE_1,
        barriers=["zorgtaken"], higher_is_better=False,
    ),
    dict(
        slug="zoekend-beschikbaar-20-64",
        name="Zoekend, beschikbaar of ziet zichzelf als werkend of werkloos (20-64 jaar)",
        definition="Niet-beroepsactieven van 20 tot 64 jaar die nog een band met de arbeidsmarkt hebben: zoekend, "
        "beschikbaar of zichzelf als werkend of werkloos beschouwend (78.764 personen, 2,0% in 2024).",
        unit="count", value="78764", year=2024, source=NOTE_TABLE_1,
        barriers=[], higher_is_better=False,
    ),
    dict(
        slug="werklozen-ilo-20-64",
        name="Werklozen (ILO-definitie) 20-64 jaar",
        definition="Werklozen van 20 tot 64 jaar volgens de ILO-definitie (102.898 personen, 2,7% in 2024).",
        unit="count", value="102898", year=2024, source=NOTE_TABLE_1,
        barriers=[], higher_is_better=False,
    ),
    dict(
        slug="ivt-it-tegemoetkoming",
        name="Personen met een inkomensvervangende en/of integratietegemoetkoming (handicap)",
        definition="Personen in het Vlaams Gewest die gerechtigd zijn op een inkomensvervangende en/of "
        "integratietegemoetkoming als persoon met een handicap, eind 2024.",
        unit="count", value="132644", year=2024,
        source="FOD Sociale Zaken – DG Personen met een handicap (eind 2024, Vlaams Gewest); conceptnota, "
        "drempel gezondheidsproblematiek en arbeidsbeperking",
        barriers=["gezondheid-arbeidsbeperking"], higher_is_better=False,
    ),
    dict(
        slug="deeltijdse-werkhervatting",
        name="Deeltijdse werkhervatting na ziekte (België)",
        definition="Werknemers die na arbeidsongeschiktheid het werk deeltijds hervatten, België (43.383 in 2017).",
        unit="count", value="78752", year=2023,
        source="RIZIV, Terug-naar-werk-barometer (juni 2024, België); conceptnota, drempel gezondheidsproblematiek "
        "en arbeidsbeperking",
        barriers=["gezondheid-arbeidsbeperking"], higher_is_better=True,
        earlier=[(2017, "43383", "Terug-naar-werk-barometer")],
    ),
    dict(
        slug="actieve-mantelzorgers-26-64",
        name="Actieve mantelzorgers 26-64 jaar",
        definition="Aandeel van de 26-64-jarigen in Vlaanderen dat actief mantelzorger is; 70% van hen heeft ook "
        "betaald werk.",
        unit="percent", value="37.1", year=2021,
        source="Zorgenquête 2021; conceptnota, drempel zorgtaken",
        barriers=["zorgtaken"], higher_is_better=False,
    ),
    dict(
        slug="geboren-buiten-eu27-15-64",
        name="15-64-jarigen geboren buiten de EU27",
        definition="Inwoners van Vlaanderen van 15 tot 64 jaar die buiten de EU27 geboren zijn; 76,2% van hen is "
        "25 tot 54 jaar oud.",
        unit="count", value="450000", year=2024,
        source=f"{EAK}; conceptnota, drempel integratie en taal",
        barriers=["integratie-taal"], higher_is_better=False,
    ),
    dict(
        slug="niet-beroepsactiviteit-niet-eu-vrouwen",
        name="Niet-beroepsactiviteitsgraad van vrouwen van de eerste generatie uit een niet-EU-land",
        definition="Aandeel niet-beroepsactieven bij vrouwen van de eerste generatie, geboren in een land buiten de "
        "EU; de hoogste van alle OESO-landen.",
        unit="percent", value="42.5", year=2023,
        source="OECD, Skills and labour market integration of immigrants and their children in Flanders (2023); "
        "conceptnota, drempel integratie en taal",
        barriers=["integratie-taal"], higher_is_better=False,
    ),
    dict(
        slug="jongerenwerkloosheid-15-24",
        name="Jongerenwerkloosheid 15-24 jaar",
        definition="Werkloosheidsgraad van jongeren van 15 tot 24 jaar in Vlaanderen.",
        unit="percent", value="14.5", year=2024,
        source=f"{EAK}; conceptnota, drempel aansluiting onderwijs-arbeidsmarkt",
        barriers=["onderwijs-arbeidsmarkt"], higher_is_better=False,
    ),
    dict(
        slug="vroegtijdige-schoolverlaters-18-24",
        name="Vroegtijdige schoolverlaters 18-24 jaar",
        definition="Aandeel 18-24-jarigen dat het onderwijs verliet zonder diploma secundair onderwijs en geen "
        "opleiding volgt.",
        unit="percent", value="5.8", year=2023,
        source=f"{EAK}; conceptnota, drempel aansluiting onderwijs-arbeidsmarkt",
        barriers=["onderwijs-arbeidsmarkt"], higher_is_better=False,
    ),
    dict(
        slug="neet-ratio-15-29",
        name="NEET-ratio 15-29 jaar",
        definition="Aandeel 15-29-jarigen dat niet werkt en geen onderwijs of opleiding volgt (Not in Education, "
        "Employment or Training).",
        unit="percent", value="7.3", year=2024,
        source=f"{EAK}; conceptnota, drempel aansluiting onderwijs-arbeidsmarkt",
        barriers=["onderwijs-arbeidsmarkt"], higher_is_better=False,
    ),
    dict(
        slug="mobiliteitsarmoede",
        name="Mobiliteitsarmoede",
        definition="Aandeel Vlamingen met te weinig passende vervoersmogelijkheden om volwaardig deel te nemen aan de "
        "maatschappij (in 2014 was dat 19% in België).",
        unit="percent", value="16", year=2020,
        source="MORA, advies Mobiliteitsarmoede in Vlaanderen (2024); conceptnota, drempel mobiliteit",
        barriers=["mobiliteit"], higher_is_better=False,
    ),
    dict(
        slug="zonder-rijbewijs",
        name="Personen zonder rijbewijs (België)",
        definition="Aandeel Belgen zonder rijbewijs; vrouwen en personen met een laag inkomen zijn "
        "oververtegenwoordigd. De nota noemt geen jaar; als basisjaar geldt 2024, het jaar van de geciteerde bron.",
        unit="percent", value="14", year=2024,
        source="MORA, advies Mobiliteitsarmoede in Vlaanderen (2024); conceptnota, drempel mobiliteit",
        barriers=["mobiliteit"], higher_is_better=False,
    ),
    dict(
        slug="auto-afhankelijkheid-jobs",
        name="Auto-afhankelijkheid van jobs",
        definition="Aandeel jobs in Vlaanderen dat alleen op een haalbare manier met de auto bereikbaar is, niet met "
        "de fiets of het openbaar vervoer.",
        unit="percent", value="70.5", year=2025,
        source="VIONA, Jobbereikbaarheid als drempel of hefboom naar werk (2025); conceptnota, drempel mobiliteit",
        barriers=["mobiliteit"], higher_is_better=False,
    ),
    dict(
        slug="baanloze-gezinnen-18-59",
        name="Personen in baanloze gezinnen 18-59 jaar",
        definition="Aandeel 18-59-jarigen dat in een gezin woont waar niemand werkt; ruim 85% van hen is "
        "niet-beroepsactief.",
        unit="percent", value="6.6", year=2024,
        source=f"{EAK}; conceptnota, kerncijfers",
        barriers=["armoede"], higher_is_better=False,
    ),
    # ------------------------------------------------------------------ Steunpunt Werk: werk één jaar later
    dict(
        slug="werk-na-1-jaar-zoekend-beschikbaar",
        name="Aan het werk één jaar later: zoekend, beschikbaar of ziet zichzelf als werkend/werkloos",
        definition="Aandeel van de niet-beroepsactieven (20-64 jaar) die zoekend of beschikbaar zijn of zichzelf als "
        "werkend of werkloos zien, dat één jaar later aan het werk is. De groep telt ongeveer 76.200 personen "
        "(9% van de niet-beroepsactieven, 2 op de 100 20-64-jarigen).",
        unit="percent", value="30", year=2024, source=SW_RESERVE,
        barriers=[], higher_is_better=True, demo=False,
    ),
    dict(
        slug="werk-na-1-jaar-arbeidsongeschikten",
        name="Aan het werk één jaar later: niet-beroepsactieve arbeidsongeschikten",
        definition="Aandeel van de niet-beroepsactieve arbeidsongeschikten (20-64 jaar, ongeveer 231.000 personen of "
        "6 op de 100) dat één jaar later aan het werk is. Hoe langer iemand afwezig is, hoe moeilijker de terugkeer.",
        unit="percent", value="10", year=2024, source=SW_RESERVE,
        barriers=["gezondheid-arbeidsbeperking"], higher_is_better=True, demo=False,
    ),
    dict(
        slug="instroom-werk-leefloners",
        name="Instroom naar werk van leefloners",
        definition="Aandeel van de leefloongerechtigden dat naar werk doorstroomt (46.500 leefloners in 2021). "
        "Hoger dan bij andere groepen, met marge om begeleiding en samenwerking OCMW-VDAB te versterken.",
        unit="percent", value="18.2", year=2021,
        source="Steunpunt Werk op basis van DWH AM&SB bij KSZ; Sempels, Goffin & Vanoeteren (2023), Activering van "
        "leefloongerechtigden: noden, aanpak en lokale samenwerking, VIONA-rapport voor het Departement WSE",
        barriers=[], higher_is_better=True, demo=False,
    ),
    # ------------------------------------------------------------------ POM West-Vlaanderen: participatieladder
    dict(
        slug="arbeidsmarktparticipatiegraad",
        name="Arbeidsmarktparticipatiegraad 20-64 jaar",
        definition="De werkzaamheidsgraad aangevuld met de arbeidsmatige participatie zonder arbeidscontract van "
        "kansengroepen op de treden 3 en 4 van de participatieladder: een voorspellende indicator, omdat velen van "
        "hen na anderhalf tot twee jaar doorstromen naar betaald werk (treden 5 en 6). Vlaanderen; de studie geeft "
        "ook het cijfer voor West-Vlaanderen.",
        unit="percent", value="77.1", year=2019, source=POM,
        barriers=[], higher_is_better=True, demo=False,
        breakdowns=[(2019, "79.2", "POM West-Vlaanderen", WVL, None)],
    ),
    dict(
        slug="kansengroepen-treden-3-5",
        name="Tewerkstelling en arbeidsmatige participatie van kansengroepen (participatieladder treden 3-5)",
        definition="Personen met een afstand tot de arbeidsmarkt met een job of participatieplaats op de treden 3 tot "
        "5 van de participatieladder (sociale economie, activeringsmaatregelen, doelgroepkortingen). Vlaanderen; "
        "West-Vlaanderen heeft er een aandeel van 20% in.",
        unit="count", value="317495", year=2019, source=POM,
        barriers=[], higher_is_better=True, demo=False,
        breakdowns=[(2019, "63552", "POM West-Vlaanderen", WVL, None),
                    (2018, "57462", "POM West-Vlaanderen", WVL, None),
                    (2014, "55706", "POM West-Vlaanderen", WVL, None)],
    ),
    dict(
        slug="participatieladder-trede-3",
        name="Participatieladder trede 3: arbeidsmatige activiteiten onder zorgbegeleiding (West-Vlaanderen)",
        definition="Personen die (onbetaalde) arbeidsmatige activiteiten verrichten onder zorgbegeleiding; zij hebben "
        "werk- en zorgbegeleiding nodig en staan verder van betaald werk dan wie op trede 4 staat.",
        unit="count", value="1453", year=2019, source=POM,
        barriers=[], higher_is_better=True, demo=False,
    ),
    dict(
        slug="participatieladder-trede-4",
        name="Participatieladder trede 4: tijdelijke competentieversterkende trajecten (West-Vlaanderen)",
        definition="Personen in een tijdelijk competentieversterkend begeleidingstraject zonder arbeidscontract, in "
        "een reële arbeidsmarktsetting, met het oog op doorstroom naar trede 5 of 6 binnen anderhalf tot twee jaar. "
        "Tussen 2014 en 2019 daalde hun aantal met 16% (in Vlaanderen met 17,5%).",
        unit="count", value="10198", year=2019, source=POM,
        barriers=[], higher_is_better=True, demo=False,
        earlier=[(2014, "12140", "POM West-Vlaanderen")],
    ),
    dict(
        slug="participatieladder-trede-5",
        name="Participatieladder trede 5: betaald werk met persoonsgebonden ondersteuning (West-Vlaanderen)",
        definition="Loontrekkenden met een betaalde job en persoonsgebonden ondersteuning: vooral via "
        "doelgroepkortingen (46.649), daarnaast collectief maatwerk en lokale diensteneconomie (6.099). Trede 6 "
        "(betaald werk, waarnaar de studie doorstroming verwacht) krijgt in de studie geen apart cijfer.",
        unit="count", value="51901", year=2019, source=POM,
        barriers=[], higher_is_better=True, demo=False,
    ),
    # ------------------------------------------------------------------ parlementaire vraag: VDAB-bereik
    dict(
        slug="re-integratietrajecten-langdurig-zieken",
        name="Nieuwe re-integratietrajecten voor langdurig zieken (VDAB)",
        definition="Nieuw opgestarte re-integratietrajecten van VDAB voor langdurig zieken, in het kader van de "
        "overeenkomst met het RIZIV. Het RIZIV stelt een streefcijfer van 12.000 nieuwe trajecten voor 2024 voorop; "
        "de bron geeft geen beginwaarde.",
        unit="count", value=None, year=None, source=PQ_264,
        barriers=["gezondheid-arbeidsbeperking"], higher_is_better=True, target=("12000", 2024), demo=False,
    ),
    dict(
        slug="bijkomende-toeleidingen-gezondheid",
        name="Bijkomende toeleidingen naar VDAB van personen met gezondheidsuitdagingen",
        definition="Personen met gezondheidsuitdagingen die via vindplaatsgerichte en outreachende projecten in een "
        "welzijns- of zorgsetting bijkomend naar VDAB worden toegeleid, per jaar. Doel: minstens 4.000 per jaar; "
        "de projecten startten op 1 februari 2024 en lopen twee jaar (budget 6 miljoen euro). Vóór de start waren "
        "er per definitie geen bijkomende toeleidingen.",
        unit="count", value="0", year=2023, source=PQ_264,
        barriers=["gezondheid-arbeidsbeperking"], higher_is_better=True, target=("4000", 2025), demo=False,
    ),
    dict(
        slug="lokale-partnerschappen-esf",
        name="Lokale partnerschappen voor personen met complexe noden (ESF)",
        definition="Lokale partnerschappen van lokale besturen en VDAB, met dienstverlenende partners, die sinds "
        "begin 2024 vanuit een ESF-oproep outreachende en geïntegreerde acties opzetten voor werkzoekenden en "
        "niet-beroepsactieven met complexe noden.",
        unit="count", value="44", year=2024, source=PQ_264,
        barriers=[], higher_is_better=True, demo=False,
    ),
    dict(
        slug="gemeenten-samenwerkingsovereenkomst-vdab",
        name="Steden en gemeenten met een samenwerkingsovereenkomst met VDAB",
        definition="Aandeel van de Vlaamse steden en gemeenten met een samenwerkingsovereenkomst met VDAB om bij te "
        "dragen aan de werkzaamheidsgraad van 80%, met acties op maat van de lokale realiteit.",
        unit="percent", value="85", year=2024, source=PQ_264,
        barriers=[], higher_is_better=True, demo=False,
    ),
]

#: Indicators without a made-up demo series (monitoring.demo): their figures are all from the sources.
NO_DEMO_SERIES = frozenset(row["slug"] for row in INDICATORS if row.get("demo") is False)


@dataclass
class IndicatorReport:
    created: int = 0
    updated: int = 0
    measurements: int = 0
    missing_barriers: list = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.measurements)


@transaction.atomic
def load_indicators() -> IndicatorReport:
    from actieplan.models import Barrier, TargetGroup
    from monitoring.models import Indicator, Measurement

    report = IndicatorReport()
    barriers = {b.slug: b for b in Barrier.objects.all()}
    groups = {g.slug: g for g in TargetGroup.objects.all()}
    for order, row in enumerate(INDICATORS, start=1):
        target_value, target_year = row.get("target", (None, None))
        values = dict(
            name=row["name"], definition=row["definition"], unit=row["unit"], source=row["source"],
            baseline_value=Decimal(row["value"]) if row["value"] is not None else None, baseline_year=row["year"],
            target_value=Decimal(target_value) if target_value is not None else None, target_year=target_year,
            higher_is_better=row["higher_is_better"], order=order,
        )
        indicator = Indicator.objects.filter(slug=row["slug"]).first()
        if indicator is None:
            indicator = Indicator.objects.create(slug=row["slug"], **values)
            report.created += 1
        else:
            changed = [k for k, v in values.items() if getattr(indicator, k) != v]
            if changed:
                for key in changed:
                    setattr(indicator, key, values[key])
                indicator.save(update_fields=changed)
                report.updated += 1
        wanted = [barriers[s] for s in row["barriers"] if s in barriers]
        report.missing_barriers += [s for s in row["barriers"] if s not in barriers]
        if wanted and not set(indicator.barriers.values_list("pk", flat=True)) >= {b.pk for b in wanted}:
            indicator.barriers.add(*wanted)
        facts = [(row["year"], row["value"], "basiswaarde")] if row["value"] is not None else []
        facts = [(*fact, "", None) for fact in facts + list(row.get("earlier", []))]
        for year, value, note, region, group_slug in facts + list(row.get("breakdowns", [])):
            if group_slug and group_slug not in groups:
                continue  # the target group is not loaded (load_reference first)
            measurement, created = Measurement.objects.get_or_create(
                indicator=indicator, year=year, date=None, region=region,
                target_group=groups.get(group_slug) if group_slug else None,
                defaults={"value": Decimal(value), "note": note},
            )
            if created:
                # Known since its publication, so that reports "as of" a past date show it.
                Measurement.objects.filter(pk=measurement.pk).update(created_at=published_at(year))
                report.measurements += 1
    return report


def published_at(year: int):
    """When a yearly figure became known: the end of March of the next year (not in the future)."""
    from datetime import datetime

    from django.utils import timezone

    moment = timezone.make_aware(datetime(year + 1, 3, 31, 12, 0))
    return min(moment, timezone.now())
