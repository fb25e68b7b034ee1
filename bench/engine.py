"""Evaluations per second of the compiled seed rule set on a realistic mix of candidates.

Run by hand: `.venv/bin/python bench/engine.py [N]`. Prints the rate of an evaluation (JSON text -> validated
candidate -> verdict) as a ratio to json.loads + json.dumps of the same candidates, measured in the same run
(target: within 10x of that floor), and the cost of rendering the verdict JSON on top of it.
"""

from __future__ import annotations

import json
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rules.candidate import parse_candidate
from rules.catalog import parse_catalog
from rules.compiler import compile_profile
from rules.engine import evaluate
from rules.render import verdict_to_dict
from rules.verdict import Verdict

ROUNDS = 5
SEED = Path(__file__).resolve().parent.parent / "screening" / "catalogs" / "iecm.txt"
AS_OF = date(2026, 6, 30)

LEVELS = [
    "Licenciatura",
    "LICENCIATURA",
    "Lic.",
    "Maestría",
    "Bachillerato",
    "TSU",
    "Doctorado",
    "Ingeniería",
]
STATUSES = [
    "Titulado",
    "Titulada",
    "Título",
    "Pasante",
    "Cédula profesional",
    "Trunca",
    "En curso",
    "100% de créditos",
]
FIELDS = [
    "Ciencia Política",
    "Ciencias Políticas y Administración Pública",
    "Derecho",
    "Lic. en Derecho",
    "Sociología",
    "Economía",
    "Pedagogía",
    "Administración Pública",
    "Relaciones Internacionales",
    "Psicología",
    "Contaduría Pública",
    "Administración de Empresas",
    "Ingeniería en Sistemas Computacionales",
    "Medicina",
    "Comunicación Social",
    "Trabajo Social",
    "Historia",
    "Arquitectura",
    "Actuaría",
    "Enfermería",
]
AREAS = [
    "Evaluación de proyectos y atención ciudadana",
    "Atención ciudadana en módulo",
    "Trabajo de campo",
    "Supervisor de campo en encuestas",
    "Auxiliar administrativo",
    "Capturista de datos",
    "Coordinación de programas sociales",
    "Organización y administración de procesos electorales",
    "Ventas y atención a clientes",
    "Docente de primaria",
    "Seguimiento de proyectos institucionales",
    "Vinculación con organizaciones de la sociedad civil",
    "Gestión de recursos humanos",
    "Chofer",
    "Planeación y evaluación de programas",
    "Análisis de datos y estadística",
]
KNOWLEDGE = ["Normativa electoral", "Transparencia", "Microsoft Office", "Bases de datos", "Derechos humanos"]
SKILLS = ["Toma de decisiones", "Compromiso", "Ética y valores", "Liderazgo"]
COMPETENCIES = ["Planeación y estrategia", "Trabajo colaborativo", "Vinculación", "Adaptabilidad"]


def make_candidate(rng: random.Random, index: int) -> dict[str, Any]:
    degrees = [
        {"level": rng.choice(LEVELS), "status": rng.choice(STATUSES), "field": rng.choice(FIELDS)}
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3]))
    ]
    jobs = []
    for _ in range(rng.choice([0, 1, 2, 2, 3, 4])):
        start = date(2008, 1, 1) + timedelta(days=rng.randrange(0, 6500))
        end = None if rng.random() < 0.3 else min(AS_OF, start + timedelta(days=rng.randrange(30, 2500)))
        jobs.append(
            {
                "title": "Puesto",
                "area": rng.choice(AREAS),
                "start": start.isoformat()[: rng.choice([7, 10])],
                "end": end.isoformat() if end else None,
                "hours_per_week": rng.choice([40, 40, 40, 20, 30, 48]),
            }
        )
    return {
        "folio": f"F-{index:06d}",
        "degrees": degrees,
        "jobs": jobs,
        "knowledge": rng.sample(KNOWLEDGE, rng.randrange(0, 4)),
        "skills": rng.sample(SKILLS, rng.randrange(0, 3)),
        "competencies": {name: rng.randrange(1, 6) for name in rng.sample(COMPETENCIES, rng.randrange(0, 4))},
    }


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    rng = random.Random(20261126)
    texts = [json.dumps(make_candidate(rng, i), ensure_ascii=False) for i in range(count)]
    parsed = parse_catalog(SEED.read_text(encoding="utf-8"), SEED.name)
    rule_set = compile_profile(parsed.profiles[0])

    def floor_pass() -> None:
        for text in texts:
            json.dumps(json.loads(text), ensure_ascii=False)

    verdicts: list[Verdict] = []

    def engine_pass() -> None:
        verdicts.clear()
        for text in texts:
            verdicts.append(evaluate(rule_set, parse_candidate(json.loads(text)), AS_OF))

    def render_pass() -> None:
        for verdict in verdicts:
            json.dumps(verdict_to_dict(verdict, "es"), ensure_ascii=False)

    # Interleaved rounds, best of each: the machine is shared, the minimum is the least disturbed run.
    timings: dict[str, list[float]] = {"floor": [], "engine": [], "render": []}
    for _ in range(ROUNDS):
        for name, step in (("floor", floor_pass), ("engine", engine_pass), ("render", render_pass)):
            started = time.perf_counter()
            step()
            timings[name].append(time.perf_counter() - started)
    floor, engine, render = (min(timings[name]) for name in ("floor", "engine", "render"))
    outcomes: dict[str, int] = {}
    for verdict in verdicts:
        outcomes[verdict.outcome.value] = outcomes.get(verdict.outcome.value, 0) + 1

    print(f"candidates: {count}  outcomes: {dict(sorted(outcomes.items()))}")
    print(f"floor, json.loads + json.dumps of the candidates: {count / floor:,.0f}/s")
    print(f"json.loads + validate + evaluate:                 {count / engine:,.0f} evaluations/s")
    print(f"render the verdict JSON (es) + json.dumps:        {count / render:,.0f} verdicts/s")
    print(f"ratio evaluation / floor: {engine / floor:.1f}x  (target: at most 10x)")
    print(f"ratio evaluation + verdict JSON / floor: {(engine + render) / floor:.1f}x")


if __name__ == "__main__":
    main()
