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

# slug, name, definition, unit, value, year, source, barrier slugs, higher_is_better,
# optional target (value, year) and earlier measurements [(year, value, note)].
INDICATORS: list[dict] = [
    dict(
        slug="werkzaamheidsgraad-20-64",
        name="Werkzaamheidsgraad 20-64 jaar",
        definition="Aandeel werkenden in de bevolking van 20 tot 64 jaar in het Vlaams Gewest. De Vlaamse Regering "
        "streeft naar een werkzaamheidsgraad van 80% tijdens deze legislatuur (tegen 2029).",
        unit="percent", value="76.9", year=2024, source=NOTE_TABLE_1,
        barriers=[], higher_is_better=True, target=("80", 2029),
    ),
    dict(
        slug="niet-beroepsactieven-20-64",
        name="Niet-beroepsactieven 20-64 jaar",
        definition="Personen van 20 tot 64 jaar die niet werken en niet werkloos zijn volgens de ILO-definitie "
        "(794.276 personen, 20,5% van de 20-64-jarigen in 2024).",
        unit="count", value="794276", year=2024, source=NOTE_TABLE_1,
        barriers=[], higher_is_better=False,
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
]


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
    from actieplan.models import Barrier
    from monitoring.models import Indicator, Measurement

    report = IndicatorReport()
    barriers = {b.slug: b for b in Barrier.objects.all()}
    for order, row in enumerate(INDICATORS, start=1):
        target_value, target_year = row.get("target", (None, None))
        values = dict(
            name=row["name"], definition=row["definition"], unit=row["unit"], source=row["source"],
            baseline_value=Decimal(row["value"]), baseline_year=row["year"],
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
        facts = [(row["year"], row["value"], "basiswaarde")] + list(row.get("earlier", []))
        for year, value, note in facts:
            measurement, created = Measurement.objects.get_or_create(
                indicator=indicator, year=year, date=None, defaults={"value": Decimal(value), "note": note}
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
