"""Verdicts and rule sets rendered for people and machines, in the request's language (SPEC section 4)."""

from __future__ import annotations

from typing import Any

from rules.compiler import RuleSet
from rules.errors import CatalogProblem, InputProblem, Text
from rules.locale import LANGUAGES, normalize_language, translations
from rules.messages import MESSAGES, N_, register
from rules.verdict import CountedInterval, CriterionResult, Param, Reason, Verdict

register(
    {
        "show.position": N_("Position"),
        "show.revision": N_("revision"),
        "show.education": N_("Education (mandatory)"),
        "show.level": N_("Level: %(level)s or higher"),
        "show.status": N_("Status: %(status)s or higher"),
        "show.fields": N_("Fields: %(fields)s"),
        "show.equivalents": N_("Equivalent fields are accepted (taxonomy CMPE 2016 / ISCED-F 2013)."),
        "show.no_equivalents": N_("Only the listed fields are accepted."),
        "show.experience": N_("Experience (mandatory)"),
        "show.years": N_("Years: at least %(years)s"),
        "show.areas": N_("Areas:"),
        "show.knowledge": N_("Desirable knowledge"),
        "show.skills": N_("Desirable skills"),
        "show.competencies": N_("Desirable competencies (required grade 1-5)"),
        "show.fingerprint": N_("Rule set fingerprint: %(fingerprint)s"),
        "param.none": N_("none"),
        "param.yes": N_("yes"),
        "param.no": N_("no"),
    }
)


def translate(text: str, lang: str) -> str:
    return translations(normalize_language(lang)).gettext(text)


def text_in(value: Text | str, lang: str) -> str:
    """A Text written in `lang` (its template translated, then filled in, with parameters that are Texts
    written in the same language); a plain text as it is."""
    if isinstance(value, str):
        return value
    if value.plural is not None:
        template = translations(normalize_language(lang)).ngettext(value.template, value.plural, value.number)
    else:
        template = translate(value.template, lang)
    if not value.params:
        return template
    return template % {name: text_in(v, lang) if isinstance(v, Text) else v for name, v in value.params}


def catalog_problem_in(problem: CatalogProblem, lang: str) -> str:
    """What the catalog parser could not read, in `lang` (the line, section and code stay as they are)."""
    return text_in(problem.message_text, lang) if problem.message_text is not None else problem.message


def catalog_problem_line(problem: CatalogProblem, lang: str) -> str:
    """One line per problem, as the CLI prints them: `8-009-004-C215: line 12, Experiencia: no ... given`."""
    message = catalog_problem_in(problem, lang)
    if problem.section:
        where = Text(
            "line %(line)s, %(section)s: %(message)s",
            (("line", problem.line), ("message", message), ("section", problem.section)),
        )
    else:
        where = Text("line %(line)s: %(message)s", (("line", problem.line), ("message", message)))
    line = text_in(where, lang)
    return f"{problem.code}: {line}" if problem.code else line


def problem_in(problem: InputProblem, lang: str) -> InputProblem:
    """The problem with what was found and what is accepted written in `lang` (the path stays as it is)."""
    lang = normalize_language(lang)
    found = text_in(problem.found_text, lang) if problem.found_text is not None else problem.found
    accepted = text_in(problem.accepted_text, lang) if problem.accepted_text is not None else problem.accepted
    return InputProblem(problem.path, found, accepted, problem.found_text, problem.accepted_text)


def problem_line(problem: InputProblem, lang: str) -> str:
    """One line per problem, as the CLI prints them: `degrees[0].level: found "Kinder"; accepted: ...`."""
    shown = problem_in(problem, lang)
    line = Text(
        "%(path)s: found %(found)s; accepted: %(accepted)s",
        (("accepted", shown.accepted), ("found", shown.found), ("path", shown.path)),
    )
    return text_in(line, lang)


def _param(value: Param, lang: str) -> str:
    if value is None:
        return translate(MESSAGES["param.none"], lang)
    if isinstance(value, bool):
        return translate(MESSAGES["param.yes" if value else "param.no"], lang)
    if isinstance(value, list):
        # Catalog items keep their published final period; inside a sentence they read better without it.
        items = [str(item).rstrip(". ") for item in value]
        return "; ".join(items) if items else translate(MESSAGES["param.none"], lang)
    return str(value)


def message(code: str, params: dict[str, Param], lang: str) -> str:
    template = translate(MESSAGES[code], lang)
    return template % {key: _param(value, lang) for key, value in params.items()} if params else template


_MESSAGES: dict[tuple[str, str, str], str] = {}
_MESSAGES_LIMIT = 8192


def reason_message(reason: Reason, lang: str) -> str:
    """The reason's message in `lang`, written once per process for each (code, language, parameters): the
    same degree, the same gap or the same count comes back from candidate to candidate. The parameters are
    keyed by their repr, which tells apart every value a reason holds (text, whole number, Decimal, bool,
    None and lists of them) and costs one call."""
    if lang not in LANGUAGES:
        lang = normalize_language(lang)
    key = (reason.code, lang, repr(reason.params))
    found = _MESSAGES.get(key)
    if found is None:
        found = message(reason.code, dict(reason.params), lang)
        if len(_MESSAGES) >= _MESSAGES_LIMIT:
            _MESSAGES.clear()
        _MESSAGES[key] = found
    return found


def _criterion(result: CriterionResult, lang: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": result.id,
        "mandatory": result.mandatory,
        "outcome": result.outcome.value,
        "required": result.required,
        "found": result.found,
        "reason": {
            "code": result.reason.code,
            "params": dict(result.reason.params),
            "message": reason_message(result.reason, lang),
        },
    }
    if result.evidence is not None:
        data["evidence"] = result.evidence
    return data


def _interval(interval: CountedInterval) -> dict[str, Any]:
    return {
        "start": interval.start.isoformat(),
        "end": interval.end.isoformat(),
        "days": interval.days,
        "credited_days": interval.credit,
        "jobs": list(interval.jobs),
    }


def verdict_to_dict(verdict: Verdict, lang: str = "es") -> dict[str, Any]:
    """The verdict JSON of SPEC section 4 (JSON-ready: str, int, bool, None, lists and dicts only)."""
    lang = normalize_language(lang)
    return {
        "position": {
            "code": verdict.position_code,
            "title": verdict.position_title,
            "revision": verdict.revision,
        },
        "fingerprint": verdict.fingerprint,
        "engine_version": verdict.engine_version,
        "as_of": verdict.as_of.isoformat(),
        "lang": lang,
        "outcome": verdict.outcome.value,
        "eligible_from": verdict.eligible_from.isoformat() if verdict.eligible_from else None,
        "criteria": [_criterion(c, lang) for c in verdict.criteria],
        "desirable": {
            "score": verdict.desirable.score,
            "met": list(verdict.desirable.met),
            "gaps": list(verdict.desirable.gaps),
        },
        "experience": {
            "counted_intervals": [_interval(i) for i in verdict.experience.counted_intervals],
            "credited_days": verdict.experience.credited_days,
            "credited_years": verdict.experience.credited_years,
            "declared": verdict.experience.declared,
        },
    }


def describe_rule_set(rule_set: RuleSet, lang: str = "es") -> str:
    """The compiled requirements as a person reads them (`screening show`)."""
    lang = normalize_language(lang)

    def t(code: str, **params: Param) -> str:
        return message(code, dict(params), lang)

    education, experience, desirable = rule_set.rules
    revision = f" ({t('show.revision')} {rule_set.revision})" if rule_set.revision is not None else ""
    lines = [
        f"{t('show.position')}: {rule_set.code} — {rule_set.title}{revision}",
        "",
        t("show.education"),
        "  " + t("show.level", level=education.level.label),
        "  " + t("show.status", status=education.status.label),
        "  " + t("show.fields", fields=list(education.fields)),
        "  " + t("show.equivalents" if education.accepts_equivalents else "show.no_equivalents"),
        "",
        t("show.experience"),
        "  " + t("show.years", years=experience.years),
        "  " + t("show.areas"),
        *[f"    - {area}" for area in experience.areas],
    ]
    for heading, items in (("show.knowledge", desirable.knowledge), ("show.skills", desirable.skills)):
        if items:
            lines += ["", t(heading), *[f"  {n}. {item}" for n, item in enumerate(items, 1)]]
    if desirable.competencies:
        lines += ["", t("show.competencies")]
        lines += [f"  [{c.type}] {c.name}: {c.grade}" for c in desirable.competencies]
    lines += ["", t("show.fingerprint", fingerprint=rule_set.fingerprint)]
    return "\n".join(lines)
