"""Benchmark data that looks like what applicants write: every row distinct, free text as people type it.

Deterministic from a seed. Used by bench/engine.py, bench/bulk.py and bench/quality.py; never by a test and
never written to git. `Realistic(seed)` draws from word lists of the Mexican public sector and of jobs
outside it, then spoils the text the way forms get spoilt: missing accents, capitals, typos, abbreviations
("Admón.", "Coord.", "Depto."), stray commas and spaces.
"""

from __future__ import annotations

import csv
import random
import unicodedata
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

# --- free text of a job's area ------------------------------------------------------------------------------

ROLES = [
    "Auxiliar",
    "Auxiliar administrativo",
    "Analista",
    "Jefe de departamento",
    "Jefa de Unidad Departamental",
    "Subdirectora",
    "Subdirector",
    "Coordinador",
    "Coordinadora",
    "Encargada",
    "Encargado de área",
    "Técnico",
    "Técnica operativa",
    "Promotor",
    "Promotora",
    "Enlace",
    "Supervisor",
    "Supervisora",
    "Asistente",
    "Responsable",
    "Prestador de servicio social",
    "Becaria",
    "Líder de proyecto",
    "Operador",
    "Gerente",
    "Director de área",
]
# Duties of the catalog's own kinds of work: citizens, field work, evaluation, planning, processes.
RELATED_DUTIES = [
    "atención ciudadana",
    "atención al público en ventanilla",
    "vinculación con comités vecinales",
    "vinculación con organizaciones de la sociedad civil",
    "trabajo de campo",
    "levantamiento de encuestas",
    "levantamiento de información en territorio",
    "recorridos en colonias",
    "brigadas casa por casa",
    "aplicación de cuestionarios en viviendas",
    "censo de población y vivienda",
    "encuestas de opinión",
    "evaluación de programas sociales",
    "evaluación de proyectos",
    "evaluación del desempeño institucional",
    "seguimiento de proyectos",
    "seguimiento de metas e indicadores",
    "seguimiento de acuerdos",
    "planeación estratégica",
    "planeación y programación presupuestal",
    "elaboración de indicadores de resultados",
    "diagnósticos participativos",
    "organización de consultas ciudadanas",
    "atención de quejas y peticiones",
    "participación ciudadana",
    "asambleas vecinales",
    "mejora de procesos",
    "administración de procesos",
    "integración de padrones de beneficiarios",
    "gestión social",
    "matriz de indicadores para resultados",
    "metodología de marco lógico",
    "capacitación electoral",
    "organización electoral",
    "integración de mesas directivas de casilla",
    "promoción de la participación",
    "atención a grupos vulnerables",
    "verificación en campo",
]
# Duties of other kinds of public work: a reviewer reads them as related at most.
OTHER_PUBLIC_DUTIES = [
    "control presupuestal",
    "contabilidad gubernamental",
    "asesoría jurídica",
    "atención de juicios de amparo",
    "elaboración de contratos",
    "desarrollo de sistemas",
    "soporte técnico a usuarios",
    "administración de bases de datos",
    "comunicación social",
    "diseño gráfico",
    "manejo de redes sociales",
    "archivo y correspondencia",
    "recursos humanos y nómina",
    "adquisiciones y licitaciones",
    "control de inventarios",
    "transparencia y acceso a la información",
    "auditoría interna",
    "impartición de cursos",
    "docencia en primaria",
    "captura de datos",
    "oficialía de partes",
    "estadística y análisis de datos",
    "cartografía",
]
# Jobs of no catalog kind at all.
UNRELATED_DUTIES = [
    "ventas de mostrador",
    "ventas en piso",
    "cajera en tienda de autoservicio",
    "cocina",
    "mesero en restaurante",
    "chofer repartidor",
    "vigilancia",
    "guardia de seguridad",
    "manufactura de autopartes",
    "procesos de manufactura automotriz",
    "control de calidad en planta química",
    "diseño de modas",
    "programación de aplicaciones móviles",
    "desarrollo de videojuegos",
    "mantenimiento de áreas verdes",
    "mantenimiento de campo de golf",
    "entrenador en campo deportivo",
    "organización de eventos sociales y bodas",
    "atención en farmacia",
    "estilista",
    "operador de montacargas",
    "albañilería",
    "mecánico automotriz",
    "enfermería",
    "limpieza",
    "siembra y cosecha",
    "telemarketing",
    "barista",
]
ORGANISATIONS = [
    "en la Alcaldía Iztapalapa",
    "en la Alcaldía Coyoacán",
    "INEGI",
    "para el IECM",
    "en el INE",
    "Secretaría de Bienestar",
    "en la SEDESOL",
    "en OXXO",
    "Walmart",
    "Grupo Bimbo",
    "en un despacho contable",
    "Universidad Autónoma Metropolitana",
    "Fundación Azteca",
    "en una ONG",
    "Hospital General",
    "en restaurante",
    "empresa privada",
    "H. Ayuntamiento de Toluca",
    "Gobierno del Estado de Puebla",
    "DIF municipal",
    "en Liverpool",
    "en Coppel",
    "en el Congreso local",
    "en la Secretaría de Gobernación",
    "Club de Golf Chapultepec",
    "en planta Nissan",
    "en Pemex",
    "en el CONEVAL",
    "en una consultora",
    "Servidor de la Nación",
]
PLACES = [
    "CDMX",
    "Ciudad de México",
    "Edo. Mex.",
    "Estado de México",
    "Coyoacán",
    "Puebla",
    "Guadalajara, Jal.",
    "Monterrey",
    "Oaxaca",
    "Tlalpan",
    "Ecatepec",
    "Querétaro",
]
PERIODS = [
    "",
    "",
    "",
    "",
    "(2019-2021)",
    "2018",
    "(medio tiempo)",
]
# Named only for the kinds of work that take part in them.
EVENTS = ["proceso electoral 2020-2021", "Censo 2020"]
ABBREVIATIONS = {
    "administración": ["Admón.", "admon", "Adm."],
    "administrativo": ["admvo.", "adtvo"],
    "coordinación": ["Coord."],
    "Coordinador": ["Coord."],
    "departamento": ["Depto.", "dpto"],
    "Auxiliar": ["Aux."],
    "atención": ["Atn.", "aten."],
    "programas": ["prog."],
    "Subdirector": ["Subdir."],
    "dirección": ["Dir."],
    "Técnico": ["Tec."],
    "información": ["info"],
    "ciudadana": ["ciud."],
}
_NEIGHBOUR_KEYS = {
    "a": "sq",
    "e": "wr",
    "i": "uo",
    "o": "ip",
    "n": "bm",
    "r": "et",
    "s": "ad",
    "c": "xv",
    "t": "ry",
    "l": "kñ",
}

# --- fields of study -------------------------------------------------------------------------------------

FIELDS = [
    "Ciencia Política",
    "Ciencias Políticas y Administración Pública",
    "Administración Pública",
    "Derecho",
    "Sociología",
    "Economía",
    "Pedagogía",
    "Relaciones Internacionales",
    "Psicología",
    "Psicología Social",
    "Contaduría Pública",
    "Administración de Empresas",
    "Administración",
    "Ingeniería en Sistemas Computacionales",
    "Ingeniería Industrial",
    "Ingeniería Civil",
    "Ingeniería Química",
    "Medicina",
    "Comunicación Social",
    "Ciencias de la Comunicación",
    "Trabajo Social",
    "Historia",
    "Arquitectura",
    "Actuaría",
    "Enfermería",
    "Antropología Social",
    "Geografía",
    "Filosofía",
    "Música",
    "Odontología",
    "Mercadotecnia",
    "Turismo",
    "Gastronomía",
    "Diseño Gráfico",
    "Ciencias de la Educación",
    "Desarrollo Comunitario",
    "Gestión Intercultural para el Desarrollo",
    "Estudios Latinoamericanos",
    "Planeación Territorial",
    "Políticas Públicas",
    "Gobierno y Asuntos Públicos",
    "Criminología",
    "Ciencias Forenses",
    "Negocios Internacionales",
    "Finanzas",
    "Informática",
    "Matemáticas Aplicadas",
    "Biología",
    "Veterinaria",
    "Letras Hispánicas",
]
INSTITUTIONS = [
    "UNAM",
    "IPN",
    "UAM Xochimilco",
    "UAM-I",
    "BUAP",
    "UdeG",
    "UANL",
    "UVM",
    "ITAM",
    "UACM",
    "Tec de Monterrey",
    "Universidad Iberoamericana",
    "UAEMéx",
    "Universidad Veracruzana",
    "FES Acatlán",
    "FCPyS UNAM",
    "Universidad del Valle de México",
    "UNITEC",
]
LEVELS = [
    "Licenciatura",
    "Licenciatura",
    "Licenciatura",
    "LICENCIATURA",
    "licenciatura",
    "Lic.",
    "Maestría",
    "Maestria",
    "MAESTRÍA",
    "Mtría.",
    "Doctorado",
    "Bachillerato",
    "Preparatoria",
    "TSU",
    "Técnico Superior Universitario",
    "Ingeniería",
    "Especialidad",
]
STATUSES = [
    "Titulado",
    "Titulada",
    "Titulado",
    "TITULADA",
    "Título",
    "titulado",
    "Pasante",
    "pasante",
    "Cédula profesional",
    "Con cédula",
    "Cedula profesional",
    "Trunca",
    "En curso",
    "Cursando",
    "100% de créditos",
    "Egresado",
    "Concluida",
    "Título en trámite",
    "En trámite de titulación",
]

# --- desirable items -------------------------------------------------------------------------------------

KNOWLEDGE = [
    "Normativa electoral",
    "Ley de Participación Ciudadana de la CDMX",
    "Transparencia y acceso a la información",
    "Ley General de Transparencia",
    "Derechos humanos",
    "Perspectiva de género",
    "Excel avanzado",
    "Paquetería Office",
    "Microsoft Office",
    "Word, Excel y PowerPoint",
    "Bases de datos",
    "SPSS",
    "Estadística descriptiva",
    "Python",
    "Atlas.ti",
    "Redes sociales",
    "Medios de impugnación",
    "Normatividad",
    "Contabilidad",
    "Inglés intermedio",
    "Manejo de vehículo",
    "Primeros auxilios",
]
SKILLS = [
    "Liderazgo",
    "Trabajo en equipo",
    "Toma de decisiones",
    "Comunicación asertiva",
    "Responsabilidad",
    "Compromiso",
    "Ética",
    "Iniciativa",
    "Puntualidad",
    "Negociación",
    "Planeación de objetivos",
    "Manejo de conflictos",
]
COMPETENCIES = [
    "Planeación y estrategia",
    "Planeacion y estrategia",
    "Vinculación",
    "Vinculacion",
    "Trabajo colaborativo",
    "Trabajo en equipo",
    "Adaptabilidad",
    "Liderazgo",
    "Inteligencia emocional",
    "Evaluación del desempeño",
    "Atención al cliente",
    "Toma de decisiones",
    "Negociación",
    "Orientación a resultados",
    "Difusión y comunicación institucional",
]
FIRST_NAMES = [
    "José",
    "María",
    "Begoña",
    "Ángel",
    "Sofía",
    "Iñaki",
    "Fátima",
    "Raúl",
    "Inés",
    "Jesús",
    "Noemí",
]
LAST_NAMES = [
    "Núñez",
    "Peña",
    "Ibáñez",
    "Muñoz",
    "Quiñones",
    "Gómez",
    "Peñaloza",
    "Ordóñez",
    "Martínez",
    "Ruiz",
]

HEADER_SUMMARY = ["Años de experiencia", "Área de experiencia"]
HEADER_FRONT = ["Folio", "Nombre completo", "Sexo", "Correo electrónico"]
HEADER_DEGREE = ["Nivel de estudios", "Grado de avance", "Carrera", "Institución"]
HEADER_JOB = ["Puesto {n}", "Área {n}", "Fecha de inicio {n}", "Fecha de término {n}", "Horas {n}"]
HEADER_TAIL = ["Conocimientos", "Habilidades", "Competencias"]
MAX_JOBS = 3
FIELD_SPELLINGS = 400


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch) or ch == "\u0303")
    return unicodedata.normalize("NFC", kept)


class Realistic:
    """Draws candidates, area texts and field names; the same seed gives the same sequence."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        # Applicants' carreras repeat far more than their job areas: a real 10,000-row file held 140 field
        # spellings and 7,492 distinct area texts. Fields are drawn from a pool of spellings, the common ones
        # more often (Zipf-like weights); area texts are drawn fresh every time.
        self._fields = [self.field_spelling() for _ in range(FIELD_SPELLINGS)]
        self._field_weights = [1 / (rank + 1) for rank in range(FIELD_SPELLINGS)]

    # --- spoiling text the way forms spoil it -------------------------------------------------------------

    def typo(self, word: str) -> str:
        rng = self.rng
        if len(word) < 5:
            return word
        i = rng.randrange(1, len(word) - 1)
        kind = rng.randrange(4)
        if kind == 0:  # two letters swapped
            return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if kind == 1:  # a letter missing
            return word[:i] + word[i + 1 :]
        if kind == 2:  # a letter doubled
            return word[:i] + word[i] + word[i:]
        near = _NEIGHBOUR_KEYS.get(word[i].lower())
        return word[:i] + (rng.choice(near) if near else word[i]) + word[i + 1 :]

    def spoil(self, text: str, *, typo: float = 0.2, accents: float = 0.35) -> str:
        rng = self.rng
        for full, short in ABBREVIATIONS.items():
            if full in text and rng.random() < 0.3:
                text = text.replace(full, rng.choice(short), 1)
        if rng.random() < typo:
            words = text.split(" ")
            long = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
            if long:
                i = rng.choice(long)
                words[i] = self.typo(words[i])
                text = " ".join(words)
        if rng.random() < accents:
            text = strip_accents(text)
        roll = rng.random()
        if roll < 0.08:
            text = text.upper()
        elif roll < 0.2:
            text = text.lower()
        if rng.random() < 0.1:
            text = text.replace(",", " ,", 1)
        if rng.random() < 0.08:
            text = text.replace(" ", "  ", 1)
        if rng.random() < 0.2:
            text += "."
        return text

    # --- area texts --------------------------------------------------------------------------------------

    def duty(self, kind: str | None = None, besides: str = "") -> str:
        """A duty of the given kind (mostly; people mix), other than `besides`."""
        rng = self.rng
        if kind is None or rng.random() < 0.25:
            kind = rng.choices(("related", "public", "unrelated"), weights=(5, 3, 2))[0]
        pool = {"related": RELATED_DUTIES, "public": OTHER_PUBLIC_DUTIES, "unrelated": UNRELATED_DUTIES}[kind]
        while True:
            duty = rng.choice(pool)
            if duty != besides:
                return duty

    def area_text(self) -> str:
        """A job's area as an applicant writes it: duties, a rank, an employer, a place, a period."""
        rng = self.rng
        kind = rng.choices(("related", "public", "unrelated"), weights=(5, 3, 2))[0]
        first = self.duty(kind)
        shape = rng.randrange(8)
        if shape == 0:
            text = f"{rng.choice(ROLES)} de {first}"
        elif shape == 1:
            second = self.duty(kind, first)
            text = f"{first.capitalize()}, {second} y {self.duty(kind, second)}"
        elif shape == 2:
            text = f"{rng.choice(ROLES)} {rng.choice(ORGANISATIONS)}"
        elif shape == 3:
            text = f"{first.capitalize()} {rng.choice(ORGANISATIONS)}, {rng.choice(PLACES)}"
        elif shape == 4:
            text = f"{first.capitalize()}; {self.duty(kind, first)}"
        elif shape == 5:
            text = f"{rng.choice(ROLES)} - {first} ({rng.choice(ORGANISATIONS).removeprefix('en ')})"
        elif shape == 6:
            text = f"{first.capitalize()} y {self.duty(kind, first)} {rng.choice(ORGANISATIONS)}"
        else:
            text = first.capitalize()
        period = rng.choice(PERIODS + EVENTS if kind == "related" else PERIODS)
        if period:
            text = f"{text} {period}"
        return self.spoil(text)

    # --- fields of study ---------------------------------------------------------------------------------

    def field_name(self) -> str:
        """A carrera from the pool of spellings (see __init__)."""
        return self.rng.choices(self._fields, weights=self._field_weights)[0]

    def field_spelling(self) -> str:
        """A carrera as people write it: "Lic. en", "LICENCIATURA EN", the institution in parentheses, slips."""
        rng = self.rng
        field = rng.choice(FIELDS)
        shape = rng.randrange(9)
        if shape == 0:
            text = f"Lic. en {field}"
        elif shape == 1:
            text = f"LICENCIATURA EN {field.upper()}"
        elif shape == 2:
            text = f"Licenciatura en {field}"
        elif shape == 3:
            text = f"{field} ({rng.choice(INSTITUTIONS)})"
        elif shape == 4:
            text = f"Licenciado en {field}, {rng.choice(INSTITUTIONS)}"
        elif shape == 5:
            text = f"{field} - {rng.choice(INSTITUTIONS)}"
        else:
            text = field
        return self.spoil(text, typo=0.12, accents=0.4)

    # --- candidates --------------------------------------------------------------------------------------

    def degree(self) -> dict[str, Any]:
        rng = self.rng
        degree = {"level": rng.choice(LEVELS), "status": rng.choice(STATUSES), "field": self.field_name()}
        if rng.random() < 0.4:
            degree["institution"] = rng.choice(INSTITUTIONS)
        return degree

    def jobs(self, as_of: date) -> list[dict[str, Any]]:
        """0-4 dated jobs, newest first as forms ask, some overlapping, some part-time, some ongoing."""
        rng = self.rng
        count = rng.choices((0, 1, 2, 3, 4), weights=(1, 3, 3, 2, 1))[0]
        jobs = []
        end = as_of - timedelta(days=rng.randrange(0, 400))
        for number in range(count):
            ongoing = number == 0 and rng.random() < 0.35
            finish = None if ongoing else end
            start = end - timedelta(days=rng.randrange(60, 2200))
            job: dict[str, Any] = {
                "title": self.spoil(rng.choice(ROLES), typo=0.05),
                "area": self.area_text(),
                "start": start.isoformat()[: rng.choice((7, 10, 10))],
                "end": None if finish is None else finish.isoformat()[: rng.choice((7, 10, 10))],
            }
            hours = rng.choices((None, 40, 48, 30, 20, 25, 15), weights=(4, 4, 1, 1, 2, 1, 1))[0]
            if hours is not None:
                job["hours_per_week"] = hours
            jobs.append(job)
            # The next (older) job ends before this one starts, or overlaps it.
            end = start + timedelta(days=rng.randrange(-200, 90)) if rng.random() < 0.3 else start
            end -= timedelta(days=rng.randrange(1, 300))
        return jobs

    def competencies(self) -> dict[str, int]:
        rng = self.rng
        names = rng.sample(COMPETENCIES, rng.choices((0, 1, 2, 3, 4), weights=(4, 2, 2, 1, 1))[0])
        return {name: rng.randrange(1, 6) for name in names}

    def candidate(self, index: int, as_of: date) -> dict[str, Any]:
        """A candidate JSON (SPEC section 4) as a form sends it; the summary form when there are no jobs."""
        rng = self.rng
        candidate: dict[str, Any] = {
            "folio": f"IECM-{index:07d}",
            "degrees": [self.degree() for _ in range(rng.choices((1, 2, 3), weights=(6, 3, 1))[0])],
        }
        jobs = self.jobs(as_of)
        if jobs:
            candidate["jobs"] = jobs
        elif rng.random() < 0.8:
            years = rng.choice((1, 2, 3, 4, 5, "1.5", "2.5", 10))
            candidate["experience_summary"] = {"years": years, "area": self.area_text()}
        if rng.random() < 0.7:
            candidate["knowledge"] = rng.sample(KNOWLEDGE, rng.randrange(1, 5))
        if rng.random() < 0.6:
            candidate["skills"] = rng.sample(SKILLS, rng.randrange(1, 4))
        competencies = self.competencies()
        if competencies:
            candidate["competencies"] = competencies
        return candidate

    def candidates(self, count: int, as_of: date) -> list[dict[str, Any]]:
        """`count` candidates with pairwise distinct content (folio aside)."""
        return list(self._distinct(count, as_of))

    def _distinct(self, count: int, as_of: date) -> Iterator[dict[str, Any]]:
        seen: set[int] = set()
        index = 0
        while index < count:
            candidate = self.candidate(index, as_of)
            key = hash(repr({k: v for k, v in candidate.items() if k != "folio"}))
            if key in seen:
                continue
            seen.add(key)
            index += 1
            yield candidate

    # --- CSV files as exported by real systems -------------------------------------------------------------

    def date_cell(self, iso: str | None) -> str:
        """A date as a spreadsheet export writes it: day first, ISO, month and year, or "actual"."""
        if iso is None:
            return self.rng.choice(("", "", "actual", "Actualmente", "a la fecha"))
        parts = iso.split("-")
        shape = self.rng.randrange(5)
        if len(parts) == 2:
            return iso if shape < 2 else f"{parts[1]}/{parts[0]}"
        if shape < 2:
            return f"{parts[2]}/{parts[1]}/{parts[0]}"
        if shape == 2:
            return f"{parts[1]}/{parts[0]}"
        return iso

    def csv_row(self, candidate: dict[str, Any]) -> list[str]:
        rng = self.rng
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {rng.choice(LAST_NAMES)}"
        row = [
            candidate["folio"],
            name,
            rng.choice(("Mujer", "Hombre", "M", "H", "")),
            f"{strip_accents(name).lower().replace(' ', '.')}@correo.mx",
        ]
        degree = candidate["degrees"][0]
        row += [degree["level"], degree["status"], degree["field"], degree.get("institution", "")]
        summary = candidate.get("experience_summary")
        row += [str(summary["years"]).replace(".", ","), summary["area"]] if summary else ["", ""]
        jobs = candidate.get("jobs", [])[:MAX_JOBS]
        for number in range(MAX_JOBS):
            if number < len(jobs):
                job = jobs[number]
                row += [
                    job["title"],
                    job["area"],
                    self.date_cell(job["start"]),
                    self.date_cell(job["end"]),
                    str(job.get("hours_per_week", "")),
                ]
            else:
                row += ["", "", "", "", ""]
        row.append("; ".join(candidate.get("knowledge", [])))
        row.append("; ".join(candidate.get("skills", [])))
        row.append("; ".join(f"{k}: {v}" for k, v in candidate.get("competencies", {}).items()))
        return row

    def write_csv(self, path: Path, rows: int, as_of: date) -> None:
        """A cp1252 file with ';' and CRLF, Spanish headers, one degree, up to three jobs, every row distinct."""
        header = [*HEADER_FRONT, *HEADER_DEGREE, *HEADER_SUMMARY]
        for number in range(1, MAX_JOBS + 1):
            header += [h.format(n=number) for h in HEADER_JOB]
        header += HEADER_TAIL
        with open(path, "w", encoding="cp1252", errors="replace", newline="") as handle:
            writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
            writer.writerow(header)
            for candidate in self._distinct(rows, as_of):
                candidate["degrees"] = candidate["degrees"][:1]
                writer.writerow(self.csv_row(candidate))


def clear_rules_caches() -> int:
    """Empty every memo of the domain core (functools caches of every rules module): the next evaluation is
    a first sight, as in a fresh process. Returns how many caches were cleared."""
    import sys

    cleared = 0
    for name, module in list(sys.modules.items()):
        if name != "rules" and not name.startswith("rules."):
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", "") == name:
                value.cache_clear()
                cleared += 1
    return cleared
