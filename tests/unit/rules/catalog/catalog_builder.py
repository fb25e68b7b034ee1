"""Catalog texts in the IECM layout, built line by line the way the published PDF extracts, for parser tests."""

from __future__ import annotations

from dataclasses import dataclass, field

PAGE_HEADER = [
    "",
    "**Catálogo de Cargos y",
    "Puestos de la Rama",
    "Administrativa del IECM**",
    "",
    "IECM-JA123-23",
    "Código: SA/DRDE/CCP/01",
    "Revisión: 00",
    "Revisión: 18-08-2023",
    "Fecha de expedición: 30-11-2021",
    "",
]


@dataclass
class ProfileLayout:
    """One profile's published values; `*_break_after` puts a page header after that many list items."""

    code: str
    title: str
    unit: str = "Dirección Ejecutiva de Organización Electoral y Geoestadística"
    superior: str = "Directora Ejecutiva o Director Ejecutivo de Organización Electoral y Geoestadística"
    appointment: str = "Libre Designación"
    grade: str = "Medio"
    levels: tuple[str, str] = ("004", "009")
    level: str = "Licenciatura"
    status: str = "Título"
    fields_text: str = "Geografía, Ingeniería en Sistemas, Actuaría o carreras afines."
    years: str = "3"
    area_lines: tuple[str, ...] = (
        "Organización de procesos electorales, cartografía electoral, así como manejo de sistemas de información",
        "geográfica.",
    )
    knowledge: tuple[str, ...] = (
        "Normativa Electoral.",
        "Cartografía y sistemas de información geográfica.",
        "Estadística.",
        "Manejo de Microsoft Office.",
    )
    skills: tuple[str, ...] = ("Análisis y síntesis.", "Trabajo en equipo.")
    functions: tuple[str, ...] = tuple(
        f"Coordinar la actividad número {n} de la Dirección, conforme a la normatividad aplicable."
        for n in range(1, 9)
    )
    competencies: tuple[tuple[str, str, int], ...] = (
        ("Institucionales", "Apego a valores institucionales.", 2),
        ("Institucionales", "Trabajo colaborativo.", 3),
        ("Transversales", "Planeación y estrategia.", 4),
        ("Técnicas", "Cartografía electoral.", 5),
        ("Técnicas", "Sistemas de información geográfica.", 4),
    )
    knowledge_break_after: int | None = None
    functions_break_after: int | None = None
    with_experience: bool = True
    extra_lines: dict[str, list[str]] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = ["IDENTIFICACIÓN DEL PUESTO\t\t"]
        out += [f"{self.code}\t{self.title}\t{self.unit}", "Código\tCargo/Puesto\tAdscripción", ""]
        out += [
            f"{self.superior}\t{self.appointment}\t{self.grade}",
            "Superior Jerárquico\tTipo de Designación\tGrado ocupacional",
            "",
        ]
        out += [
            "Posición Jerárquica\t",
            f"{self.levels[0]}\t{self.levels[1]}",
            "Nivel de Responsabilidad\tNivel Jerárquico",
            "",
        ]
        out += [
            "Instrucción Formal Requerida\t",
            f"{self.level}\t{self.status}",
            "Nivel de Instrucción\tGrado de Avance",
            f"{self.fields_text}\t",
            "Formación Profesional\t",
            "",
        ]
        if self.with_experience:
            out += [
                "Experiencia Laboral Requerida\t",
                f"{self.years}\t{self.area_lines[0]}",
                *self.area_lines[1:],
                "Años de Experiencia\tÁrea de Experiencia",
                "",
            ]
        out += ["Conocimientos Deseables\t", *_numbered(self.knowledge, self.knowledge_break_after), ""]
        out += ["Habilidad\t", *_numbered(self.skills, None), ""]
        out += ["Funciones\t", *_numbered(self.functions, self.functions_break_after), ""]
        out += ["Tipo\tCompetencia\tGrado de Dominio"]
        previous = ""
        for kind, name, grade in self.competencies:
            out.append(f"{'' if kind == previous else kind}\t{name}\t{grade}")
            previous = kind
        for after, extra in self.extra_lines.items():
            at = out.index(after) + 1
            out[at:at] = extra
        return out


def _numbered(items: tuple[str, ...], break_after: int | None) -> list[str]:
    out: list[str] = []
    for number, item in enumerate(items, start=1):
        out.append(f"{number}\t{item}")
        if number == break_after:
            out += ["", "", *PAGE_HEADER]
    return out


def catalog_text(*profiles: ProfileLayout, newline: str = "\n") -> str:
    """A catalog: the page header, then each profile on a new page."""
    lines: list[str] = []
    for profile in profiles:
        lines += ["", "", *PAGE_HEADER, *profile.lines()]
    return newline.join(lines)


def three_profiles() -> list[ProfileLayout]:
    return [
        ProfileLayout("8-010-003-C301", "Subdirectora o Subdirector de Cartografía", functions_break_after=5),
        ProfileLayout(
            "8-011-005-C412",
            "Jefa o Jefe de Departamento de Estadística Electoral",
            level="Licenciatura",
            status="Pasante",
            fields_text="Contaduría, Administración o Economía.",
            years="2",
            area_lines=("Análisis estadístico, elaboración de informes y bases de datos.",),
            knowledge_break_after=2,
        ),
        ProfileLayout(
            "8-012-007-C520",
            "Líder de Proyecto de Capacitación Electoral",
            level="Maestría",
            status="Titulada",
            fields_text="Ciencias Políticas y Administración Pública, Pedagogía u otras equivalentes.",
            years="1",
            area_lines=("Diseño de materiales didácticos y capacitación.",),
            functions_break_after=3,
            knowledge_break_after=1,
        ),
    ]
