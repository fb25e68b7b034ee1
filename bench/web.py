"""The candidate pages' speed, against the API in the same run, on the same server and the same candidates.

Run by hand:  .venv/bin/python bench/web.py [--clients 20] [--seconds 5] [--rounds 3] [--workers 2] [--profiles 500]

1. Throughput: gunicorn (2 workers) serves the self-check's result page (POST /puestos/<code>/verificar, the
   form's answers as a browser sends them, CSRF token and session cookie included) and POST
   /api/v1/positions/<code>/evaluations (the same candidates as JSON, not stored), in interleaved rounds; the
   ratio of the best rounds is printed (target: at least 0.5).
2. "¿A qué puestos puedo aplicar?": the bench writes a catalog of --profiles profiles (distinct titles, units,
   field lists, area texts and desirable items, as a real catalog varies them) and imports it; then one client
   times POST /verificar (every position) against POST /puestos/<code>/verificar (one position) for the same
   candidates: first sight (every candidate new to the server) and warm (the same candidates again). Target:
   matches within 5x of a one-position check.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from api import free_port, wait_until_up  # noqa: E402
from realistic import Realistic  # noqa: E402

SEED = "8-009-004-C215"
AS_OF_QUERY = "as_of=2025-06-30"


# --- candidates, as JSON and as the form's fields -----------------------------------------------------------


def candidates(count: int, seed: int, competency_names: list[str]) -> list[dict[str, Any]]:
    """Distinct realistic candidates (bench/realistic.py) as the form can state them: dated jobs (a summary of
    experience has no place on the form, so it is left out), competencies named as the position names them,
    since the form rates the position's own competencies (the same candidate goes to the API and to the page)."""
    rng = random.Random(seed)
    out = []
    for person in Realistic(seed).candidates(count, date(2025, 6, 30)):
        person.pop("folio")
        person.pop("experience_summary", None)
        person.setdefault("jobs", [])
        person["competencies"] = {
            name: rng.randrange(0, 6) for name in rng.sample(competency_names, rng.randrange(0, 4))
        }
        out.append(person)
    return out


def form_fields(person: dict[str, Any], competency_names: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {"step": "answers", "action": "result"}
    for index, degree in enumerate(person["degrees"]):
        for key in ("level", "status", "field"):
            fields[f"degrees-{index}-{key}"] = degree[key]
        if degree.get("institution"):
            fields[f"degrees-{index}-institution"] = degree["institution"]
    for index, job in enumerate(person["jobs"]):
        prefix = f"jobs-{index}"
        fields[f"{prefix}-title"] = job["title"]
        fields[f"{prefix}-area"] = job["area"]
        fields[f"{prefix}-hours"] = str(job.get("hours_per_week", ""))
        for part, value in (("start", job["start"]), ("end", job["end"])):
            if value is None:
                fields[f"{prefix}-current"] = "y"
                continue
            year, month, *day = value.split("-")
            fields[f"{prefix}-{part}-year"], fields[f"{prefix}-{part}-month"] = year, month
            if day:
                fields[f"{prefix}-{part}-day"] = day[0]
    for name in ("knowledge", "skills"):
        for index, item in enumerate(person.get(name, [])):
            fields[f"{name}-{index}"] = item
    for index, name in enumerate(competency_names):
        rating = person["competencies"].get(name)
        fields[f"competencies-{index}"] = "" if rating is None else str(rating)
    return fields


# --- a generated catalog ------------------------------------------------------------------------------------

UNITS = [
    "Dirección Ejecutiva de Participación Ciudadana y Capacitación",
    "Dirección Ejecutiva de Organización Electoral y Geoestadística",
    "Dirección Ejecutiva de Asociaciones Políticas",
    "Unidad Técnica de Archivo, Logística y Apoyo a Órganos Desconcentrados",
    "Secretaría Administrativa",
    "Unidad Técnica de Comunicación Social y Difusión",
    "Dirección Ejecutiva de Educación Cívica y Construcción de Ciudadanía",
    "Contraloría Interna",
    "Unidad Técnica de Servicios Informáticos",
    "Dirección Distrital",
]
ROLES = [
    "Directora o Director",
    "Subdirectora o Subdirector",
    "Jefa o Jefe de Departamento",
    "Líder de Proyecto",
    "Analista",
    "Técnica o Técnico",
    "Coordinadora o Coordinador",
    "Asistente",
]
SUBJECTS = [
    "Participación Ciudadana",
    "Organización Electoral",
    "Geoestadística",
    "Capacitación",
    "Recursos Humanos",
    "Recursos Financieros",
    "Adquisiciones",
    "Comunicación Social",
    "Educación Cívica",
    "Archivo",
    "Sistemas",
    "Transparencia",
    "Asuntos Jurídicos",
    "Fiscalización",
    "Planeación",
    "Logística",
]
FIELD_POOL = [
    "Ciencia Política",
    "Administración Pública",
    "Derecho",
    "Sociología",
    "Economía",
    "Pedagogía",
    "Contaduría Pública",
    "Administración",
    "Informática",
    "Ingeniería en Computación",
    "Actuaría",
    "Comunicación",
    "Psicología",
    "Relaciones Internacionales",
    "Geografía",
    "Matemáticas",
    "Trabajo Social",
    "Historia",
    "Arquitectura",
    "Diseño Gráfico",
    "Finanzas",
    "Estadística",
]
AREA_POOL = [
    "planeación y ejecución de programas institucionales",
    "evaluación de proyectos",
    "atención ciudadana",
    "vinculación con organizaciones civiles",
    "trabajo de campo",
    "organización de procesos electorales",
    "administración de recursos humanos",
    "elaboración de estados financieros",
    "control presupuestal",
    "desarrollo de sistemas de información",
    "administración de bases de datos",
    "diseño de materiales didácticos",
    "capacitación de personal",
    "comunicación institucional",
    "manejo de archivos",
    "análisis estadístico",
    "asesoría jurídica",
    "seguimiento de auditorías",
    "logística de eventos",
    "cartografía y geoestadística",
]
KNOWLEDGE_POOL = [
    "Normativa Electoral.",
    "Normativa en materia de Transparencia.",
    "Manejo de Microsoft Office.",
    "Normativa en materia de Derechos Humanos y Género.",
    "Manejo de bases de datos.",
    "Ley de Adquisiciones.",
    "Contabilidad gubernamental.",
    "Administración de proyectos.",
    "Sistemas de información geográfica.",
    "Técnicas de redacción.",
]
SKILLS_POOL = [
    "Iniciativa y toma de decisiones.",
    "Planeación y seguimiento de objetivos.",
    "Compromiso y responsabilidad.",
    "Ética y valores.",
    "Trabajo en equipo.",
    "Comunicación asertiva.",
]
COMPETENCY_POOL = [
    ("Institucionales", "Atención y servicio al cliente."),
    ("Institucionales", "Apego a valores institucionales."),
    ("Transversales", "Trabajo colaborativo."),
    ("Transversales", "Planeación y estrategia."),
    ("Técnicas", "Vinculación."),
    ("Técnicas", "Análisis de información."),
    ("Transversales", "Adaptabilidad."),
    ("Técnicas", "Manejo de conflictos."),
]


def generated_profiles(count: int, seed: int) -> list[Any]:
    from rules.profile import Competency, EducationRequirement, ExperienceRequirement, Identification, Profile
    from rules.vocabulary import Level, Status

    rng = random.Random(seed)
    profiles = []
    for index in range(count):
        role, subject = rng.choice(ROLES), rng.choice(SUBJECTS)
        fields = tuple(rng.sample(FIELD_POOL, rng.randrange(2, 7)))
        equivalents = rng.random() < 0.7
        areas = tuple(rng.sample(AREA_POOL, rng.randrange(2, 6)))
        area_text = ", ".join(areas)
        area_text = area_text[0].upper() + area_text[1:] + "."
        level = rng.choice([Level.LICENCIATURA] * 6 + [Level.BACHILLERATO, Level.TSU, Level.MAESTRIA])
        profiles.append(
            Profile(
                identification=Identification(
                    code=f"9-{index // 100:03d}-{index % 100:03d}-G{index:03d}",
                    title=f"{role} de {subject} {index + 1}",
                    unit=rng.choice(UNITS),
                ),
                education=EducationRequirement(
                    level=level,
                    status=rng.choice([Status.TITULO, Status.TITULO, Status.PASANTE, Status.CEDULA]),
                    fields=fields,
                    accepts_equivalents=equivalents,
                    text=", ".join(fields) + (" o equivalentes." if equivalents else "."),
                ),
                experience=ExperienceRequirement(years=rng.randrange(0, 6), areas=areas, text=area_text),
                knowledge=tuple(rng.sample(KNOWLEDGE_POOL, rng.randrange(1, 6))),
                skills=tuple(rng.sample(SKILLS_POOL, rng.randrange(1, 4))),
                competencies=tuple(
                    Competency(kind, name, rng.randrange(1, 5))
                    for kind, name in rng.sample(COMPETENCY_POOL, rng.randrange(2, 6))
                ),
                functions=(f"Coordinar las actividades de {subject.lower()} de la unidad.",),
            )
        )
    return profiles


# --- clients ------------------------------------------------------------------------------------------------


class FormClient:
    """One browser: a session cookie and the form's CSRF token, got from a GET of the question page."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.connection.request("GET", f"/puestos/{SEED}/verificar?lang=es")
        response = self.connection.getresponse()
        page = response.read().decode("utf-8")
        cookies = [h.split(";", 1)[0] for k, h in response.getheaders() if k.lower() == "set-cookie"]
        self.cookie = "; ".join(cookies)
        match = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert match, "no CSRF token on the question page"
        self.token = match.group(1)

    def post(self, path: str, fields: dict[str, str] | bytes) -> int:
        """Posts the form's fields (or their urlencoded bytes, written once beforehand as the API's bodies are)
        with this browser's CSRF token."""
        encoded = fields if isinstance(fields, bytes) else urlencode(fields).encode("ascii")
        body = b"csrf_token=" + self.token.encode("ascii") + b"&" + encoded
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": self.cookie}
        self.connection.request("POST", path, body=body, headers=headers)
        response = self.connection.getresponse()
        response.read()
        return response.status


def drive(port: int, clients: int, seconds: float, send: Any, items: list[Any]) -> dict[str, Any]:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(number: int) -> None:
        state = send("open", None)
        mine: list[float] = []
        my_statuses: dict[int, int] = {}
        sent = number * len(items) // clients
        while time.monotonic() < stop_at:
            item = items[sent % len(items)]
            sent += 1
            started = time.perf_counter()
            status = send(state, item)
            mine.append(time.perf_counter() - started)
            my_statuses[status] = my_statuses.get(status, 0) + 1
        with lock:
            latencies.extend(mine)
            for status, count in my_statuses.items():
                statuses[status] = statuses.get(status, 0) + count

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50_ms": 1000 * statistics.median(latencies) if latencies else 0.0,
        "statuses": statuses,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--distinct", type=int, default=5000)
    parser.add_argument("--profiles", type=int, default=500)
    parser.add_argument("--matches", type=int, default=20, help="candidates timed for the matches comparison")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="screening-bench-web-"))
    os.environ.update(SCREENING_DATA_DIR=str(data_dir), SECRET_KEY="bench-web-" + "x" * 32)
    os.environ.pop("DATABASE_URL", None)
    from rules.catalog import profiles_to_yaml
    from screening import services

    services.ensure_bundled_catalog()
    report = services.import_catalog(
        profiles_to_yaml(generated_profiles(args.profiles, seed=3)), "generado", filename="generado.yaml"
    )
    assert not report.failed, report.problems
    names = [c.name for c in services.get_rule_set(SEED).profile.competencies]
    people = candidates(args.distinct, seed=11, competency_names=names)
    bodies = [json.dumps(p, ensure_ascii=False).encode("utf-8") for p in people]
    forms = [form_fields(p, names) for p in people]
    encoded_forms = [urlencode(fields).encode("ascii") for fields in forms]

    port = free_port()
    env = dict(
        os.environ, PYTHONPATH=str(ROOT), RATELIMIT_CHECKS="1000000 per minute", SESSION_COOKIE_SECURE="0"
    )
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [
            str(gunicorn),
            "-w",
            str(args.workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "screening:create_app({'SESSION_COOKIE_SECURE': False})",
        ],
        env=env,
        cwd=str(ROOT),
    )

    def api(state: Any, body: bytes | None) -> Any:
        if state == "open":
            return http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        state.request(
            "POST",
            f"/api/v1/positions/{SEED}/evaluations?{AS_OF_QUERY}",
            body=body,
            headers={"Content-Type": "application/json"},
        )
        response = state.getresponse()
        response.read()
        return response.status

    def page(state: Any, body: bytes | None) -> Any:
        if state == "open":
            return FormClient(port)
        return state.post(f"/puestos/{SEED}/verificar", body or b"")

    rounds: list[dict[str, dict[str, Any]]] = []
    try:
        wait_until_up(port, time.monotonic() + 60)
        for _round in range(args.rounds + 1):  # round 0 warms the workers and is not counted
            rounds.append(
                {
                    "api": drive(port, args.clients, args.seconds, api, bodies),
                    "page": drive(port, args.clients, args.seconds, page, encoded_forms),
                }
            )
        matches = time_matches(port, forms[-args.matches :] if args.matches else [])
    finally:
        server.terminate()
        server.wait(timeout=30)

    rounds = rounds[1:]
    best = {name: max((r[name] for r in rounds), key=lambda result: result["rps"]) for name in rounds[0]}
    print(
        f"gunicorn {args.workers} workers, {args.clients} clients, {args.rounds} rounds of {args.seconds:.0f} s "
        f"each after a warm-up round, SQLite, {args.distinct} distinct candidates"
    )
    for name, label in (("api", "POST /api/v1/.../evaluations"), ("page", "POST /puestos/.../verificar")):
        result = best[name]
        print(
            f"{label:<30} {result['rps']:8.1f} req/s  p50 {result['p50_ms']:6.1f} ms  statuses {result['statuses']}"
        )
    print(
        "per round (api, page req/s; ratio): "
        + "; ".join(
            f"{r['api']['rps']:.0f}, {r['page']['rps']:.0f}; {r['page']['rps'] / r['api']['rps']:.2f}"
            for r in rounds
        )
    )
    print(
        f"ratio result page / API, best rounds: {best['page']['rps'] / best['api']['rps']:.2f} (target >= 0.50)"
    )
    print(matches)


def time_matches(port: int, forms: list[dict[str, str]]) -> str:
    """Median time of POST /verificar (every position) and of a one-position check, same candidates, one
    client: first sight (each candidate new to the server; the first request also compiles every rule set,
    reported apart) and warm (the same candidates again)."""
    client = FormClient(port)
    started = time.perf_counter()
    assert client.post("/verificar", forms[0]) == 200
    first_catalog = time.perf_counter() - started
    timings: dict[str, list[float]] = {"one first": [], "all first": [], "one warm": [], "all warm": []}
    for sight in ("first", "warm"):
        for fields in forms[1:]:
            for name, path in (("one", f"/puestos/{SEED}/verificar"), ("all", "/verificar")):
                started = time.perf_counter()
                assert client.post(path, fields) == 200
                timings[f"{name} {sight}"].append(time.perf_counter() - started)
    median = {key: 1000 * statistics.median(values) for key, values in timings.items()}
    count = len(client_positions(port))
    return (
        f"matches over {count} positions (first request, rule sets compiled: {1000 * first_catalog:.0f} ms)\n"
        f"  first sight: one position {median['one first']:.1f} ms, every position {median['all first']:.1f} ms, "
        f"ratio {median['all first'] / median['one first']:.1f}x (target <= 5x)\n"
        f"  warm:        one position {median['one warm']:.1f} ms, every position {median['all warm']:.1f} ms, "
        f"ratio {median['all warm'] / median['one warm']:.1f}x (target <= 5x)"
    )


def client_positions(port: int) -> list[Any]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", "/api/v1/positions?per_page=500")
    return list(json.loads(connection.getresponse().read())["items"])


if __name__ == "__main__":
    main()
