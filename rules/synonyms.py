"""Word lists behind area matching: stop words, role words, synonyms, abbreviations and word weights.

Every entry is written folded (lower case, no accents; see rules.vocabulary.fold). docs/areas.md explains how to
extend each list; tests/quality/areas.yaml measures the effect of a change.
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    """The words of a block of text, one entry each."""
    return text.split()


# Words that carry no subject matter in Spanish or English: articles, prepositions, conjunctions, pronouns,
# fillers that catalogs and applicants put around the substance ("relacionadas con", "en materia de").
STOP_WORDS: frozenset[str] = frozenset(
    _words(
        """
        a al ante bajo cada como con contra de del desde durante e el ella ellas ellos en entre esa ese eso
        esta este esto estos estas etc hacia hasta la las le les lo los mas mi mis muy ni no nos o otra
        otras otro otros para pero por que se segun ser sin sino so sobre su sus tal tambien tanto toda
        todas todo todos tras u un una unas uno unos y ya asi cual cuales donde cuando mediante via
        relacionada relacionadas relacionado relacionados relativa relativas relativo relativos basado
        basada basados basadas materia ambito ambitos referente referentes correspondiente correspondientes
        respectivo respectivos inherentes diverso diversos vario varios distintos distintas demas mismo
        misma the of and or in for to with at on an by from as into my our their its is was were be been
        preferentemente preferente deseable indispensable conocimiento conocimientos experiencia avanzado
        avanzada intermedio intermedia basico basica federal federales local locales estatal estatales
        municipal municipales nacional nacionales distrital distritales regional regionales externo externa
        externos externas interno interna internos internas
        """
    )
)

# Titles of the person rather than of the work ("Auxiliar", "Jefe de departamento", "Lic."), and names of
# employers and places: they say where or at what rank someone worked, not in which area.
ROLE_WORDS: frozenset[str] = frozenset(
    _words(
        """
        auxiliar auxiliares asistente asistentes encargado encargada responsable jefe jefa jefatura subjefe
        subjefa director directora subdirector subdirectora gerente subgerente lider titular adjunto adjunta
        ejecutivo ejecutiva oficial secretario secretaria lic licenciado licenciada ing ingeniero ingeniera
        mtro mtra dr dra c cp sr sra puesto cargo depto departamento oficina unidad subdireccion dependencia
        dependencias empleado empleada colaborador colaboradora practicante becario becaria voluntario
        voluntaria ine ife inegi iecm iedf cdmx df mexico sat imss issste sep unam ipn uam conapo coneval
        infonavit pemex cfe shcp sedesol bienestar dif tepjf trife consultor consultora consultores sitio gobierno alcaldia delegacion municipio ayuntamiento
        empresa sa cv assistant officer manager head senior junior intern staff chief lead clerk specialist
        """
    )
)

# Words of every second job description: on their own they are not a match (SPEC section 3: evidence must
# name the substance of a required area). Weight 1.
GENERIC_WORDS: frozenset[str] = frozenset(
    _words(
        """
        actividad actividades programa programas proyecto proyectos apoyo apoyos area areas diversas general
        generales tarea tareas funcion funciones labor labores servicio servicios trabajo trabajos asunto
        asuntos tema temas institucional institucionales operacion operaciones oficina accion acciones
        elaboracion ejecucion manejo realizacion desarrollo nivel tipo forma parte caso casos informacion
        personal publico publica publicos publicas direccion sector instituciones institucion social sociales
        politica politicas
        """
    )
)

# Broad work words: they point at a kind of work but need a second word to be a clear match. Weight 2.
BROAD_WORDS: frozenset[str] = frozenset(
    _words(
        """
        administracion organizacion atencion aplicacion seguimiento coordinacion control registro analisis
        supervision procesos proceso gestion implementacion logistica integracion documentacion
        informes informe reportes datos sistemas recursos materiales resultados promocion difusion diseno
        mejora calidad tramites tramite mantenimiento
        """
    )
)
# Every other word weighs 3: "evaluacion", "vinculacion", "ciudadana", "metodologias", "campo" ...

# Nouns of managing something: one of them in a candidate's text is weakly related (weight 1, never a match on
# its own) to another in a required area: "gestión de proyectos" to "seguimiento de proyectos".
MANAGEMENT_WORDS: frozenset[str] = frozenset(
    _words(
        """
        gestion coordinacion seguimiento administracion direccion supervision ejecucion planeacion
        organizacion operacion implementacion conduccion
        """
    )
)

# One word, as people write it, to the word(s) a catalog uses. Abbreviations, English job words, agent nouns
# ("coordinador" -> coordination) and families the stemmer keeps apart ("ciudadania" and "ciudadana").
WORD_SYNONYMS: dict[str, str] = {
    # abbreviations
    "admon": "administracion",
    "adm": "administracion",
    "admin": "administracion",
    "admvo": "administracion",
    "admva": "administracion",
    "administrativo": "administracion",
    "administrativa": "administracion",
    "administrativos": "administracion",
    "administrativas": "administracion",
    "administrador": "administracion",
    "administradora": "administracion",
    "eval": "evaluacion",
    "evaluador": "evaluacion",
    "evaluadora": "evaluacion",
    "coord": "coordinacion",
    "coordinador": "coordinacion",
    "coordinadora": "coordinacion",
    "supervisor": "supervision",
    "supervisora": "supervision",
    "supervisores": "supervision",
    "supervisar": "supervision",
    "capacitador": "capacitacion",
    "capacitadora": "capacitacion",
    "capacitadores": "capacitacion",
    "planificacion": "planeacion",
    "planeador": "planeacion",
    "planificador": "planeacion",
    "planear": "planeacion",
    "planificar": "planeacion",
    "analista": "analisis",
    "analistas": "analisis",
    "atn": "atencion",
    "aten": "atencion",
    "proy": "proyectos",
    "prog": "programas",
    "org": "organizacion",
    "organizador": "organizacion",
    "organizadora": "organizacion",
    "promotor": "promocion",
    "promotora": "promocion",
    "promotores": "promocion",
    "gestor": "gestion",
    "gestora": "gestion",
    "capturista": "captura",
    "encuestador": "encuesta campo",
    "encuestadora": "encuesta campo",
    "encuestadores": "encuesta campo",
    "entrevistador": "encuesta campo",
    "entrevistadora": "encuesta campo",
    "enumerador": "encuesta campo",
    "brigadista": "campo",
    "brigadistas": "campo",
    "censo": "encuesta campo",
    "censos": "encuesta campo",
    "vinculador": "vinculacion",
    "enlace": "vinculacion",
    "metodologico": "metodologia",
    "metodologica": "metodologia",
    "metodologicos": "metodologia",
    "metodologicas": "metodologia",
    "metodos": "metodologia",
    "metodo": "metodologia",
    # the citizen family: the stemmer makes "ciudadan" of ciudadana/ciudadano but "ciudadani" of ciudadania
    "ciudadania": "ciudadana",
    "ciudadanas": "ciudadana",
    "ciudadano": "ciudadana",
    "ciudadanos": "ciudadana",
    "vecinal": "ciudadana",
    "vecinales": "ciudadana",
    "vecinos": "ciudadana",
    "vecinas": "ciudadana",
    "comunitario": "ciudadana",
    "comunitaria": "ciudadana",
    "comunitarios": "ciudadana",
    "comunitarias": "ciudadana",
    "civica": "ciudadana",
    "civico": "ciudadana",
    "civicos": "ciudadana",
    "civicas": "ciudadana",
    "formacion": "capacitacion",
    "formador": "capacitacion",
    "formadora": "capacitacion",
    "instructor": "capacitacion",
    "instructora": "capacitacion",
    "electorales": "electoral",
    "comicios": "electoral",
    "elecciones": "electoral",
    "eleccion": "electoral",
    "monitoreo": "seguimiento",
    # English words people write in Spanish forms
    "planning": "planeacion",
    "plan": "planeacion",
    "evaluation": "evaluacion",
    "evaluations": "evaluacion",
    "assessment": "evaluacion",
    "assessments": "evaluacion",
    "project": "proyectos",
    "projects": "proyectos",
    "program": "programas",
    "programs": "programas",
    "programme": "programas",
    "programmes": "programas",
    "activities": "actividades",
    "management": "gestion",
    "administration": "administracion",
    "administrative": "administracion",
    "administrator": "administracion",
    "citizen": "ciudadana",
    "citizens": "ciudadana",
    "civic": "ciudadana",
    "community": "ciudadana",
    "communities": "ciudadana",
    "outreach": "vinculacion",
    "liaison": "vinculacion",
    "engagement": "vinculacion",
    "fieldwork": "trabajo campo",
    "field": "campo",
    "work": "trabajo",
    "monitoring": "seguimiento",
    "tracking": "seguimiento",
    "results": "resultados",
    "methodology": "metodologia",
    "methodologies": "metodologia",
    "methods": "metodologia",
    "organization": "organizacion",
    "organisation": "organizacion",
    "organizing": "organizacion",
    "process": "procesos",
    "processes": "procesos",
    "customer": "cliente",
    "customers": "cliente",
    "client": "cliente",
    "clients": "cliente",
    "service": "servicio",
    "services": "servicio",
    "attention": "atencion",
    "support": "apoyo",
    "training": "capacitacion",
    "trainer": "capacitacion",
    "teaching": "docencia",
    "teacher": "docencia",
    "implementation": "implementacion",
    "execution": "ejecucion",
    "design": "diseno",
    "policy": "politicas",
    "policies": "politicas",
    "public": "publica",
    "survey": "encuesta",
    "surveys": "encuesta",
    "census": "encuesta campo",
    "enumerator": "encuesta campo",
    "interviewer": "encuesta campo",
    "data": "datos",
    "database": "datos",
    "analysis": "analisis",
    "analyst": "analisis",
    "coordinator": "coordinacion",
    "coordination": "coordinacion",
    "election": "electoral",
    "elections": "electoral",
    "electoral": "electoral",
    "voter": "electoral",
    "voters": "electoral",
    "participation": "participacion",
    "accounting": "contabilidad",
    "accountant": "contabilidad",
    "sales": "ventas",
    "legal": "juridico",
    "lawyer": "juridico",
    "developer": "desarrollo sistemas informatica",
    "communication": "comunicacion",
    "communications": "comunicacion",
    "human": "humanos",
    "resources": "recursos",
    "budget": "presupuesto",
    "procurement": "adquisiciones",
    "purchasing": "adquisiciones",
    "logistics": "logistica",
    "archive": "archivo",
    "records": "archivo",
    "filing": "archivo",
    "capture": "captura",
    "contador": "contabilidad",
    "contadora": "contabilidad",
    "contable": "contabilidad",
    "contables": "contabilidad",
    "contaduria": "contabilidad",
    "licitacion": "adquisiciones",
    "licitaciones": "adquisiciones",
    "compras": "adquisiciones",
    "comprador": "adquisiciones",
    "abogado": "juridico",
    "abogada": "juridico",
    "litigio": "juridico",
    "litigante": "juridico",
    "advisor": "asesoria",
    "adviser": "asesoria",
    "counsel": "asesoria juridico",
    "informaticos": "informatica",
    "informatico": "informatica",
    "informaticas": "informatica",
    "computo": "informatica",
    "computacion": "informatica",
    "computadora": "informatica",
    "computadoras": "informatica",
    "computacionales": "informatica",
    "computer": "informatica",
    "computers": "informatica",
    "software": "sistemas informatica",
    "programador": "desarrollo sistemas informatica",
    "programadora": "desarrollo sistemas informatica",
    "programmer": "desarrollo sistemas informatica",
    "periodista": "periodismo",
    "journalist": "periodismo",
    "networks": "redes",
    "network": "redes",
    "orientacion": "atencion",
    "orientador": "atencion",
    "reclutamiento": "recursos humanos",
    "reclutador": "recursos humanos",
    "nomina": "recursos humanos",
    "nominas": "recursos humanos",
    "recruitment": "recursos humanos",
    "payroll": "recursos humanos",
    "prensa": "medios comunicacion",
    "press": "medios comunicacion",
    "boletin": "difusion comunicacion",
    "boletines": "difusion comunicacion",
    "proyectista": "proyectos resolucion juridico",
    "metas": "resultados",
    "indicadores": "resultados",
    "desarrollador": "desarrollo sistemas informatica",
    "desarrolladores": "desarrollo sistemas informatica",
    "vocero": "medios comunicacion",
    "vocera": "medios comunicacion",
    "voceria": "medios comunicacion",
    "spokesperson": "medios comunicacion",
    # office software, for desirable knowledge items ("Manejo de Microsoft Office")
    "excel": "office",
    "word": "office",
    "powerpoint": "office",
    "ofimatica": "office",
    "paqueteria": "office",
}

# Several words, as people write them, to the words a catalog uses. Matched on folded words, longest first.
PHRASE_SYNONYMS: dict[str, str] = {
    "project management": "gestion proyectos",
    "project manager": "gestion proyectos",
    "project coordinator": "coordinacion proyectos",
    "program management": "gestion programas",
    "monitoring and evaluation": "seguimiento evaluacion",
    "m e": "seguimiento evaluacion",
    "follow up": "seguimiento",
    "field work": "trabajo campo",
    "field research": "trabajo campo",
    "community outreach": "vinculacion ciudadana",
    "community engagement": "vinculacion ciudadana",
    "citizen engagement": "vinculacion ciudadana",
    "citizen services": "atencion ciudadana",
    "citizen service": "atencion ciudadana",
    "public service": "atencion ciudadana",
    "customer service": "atencion cliente",
    "customer care": "atencion cliente",
    "customer support": "atencion cliente",
    "call center": "atencion telefonica",
    "help desk": "soporte tecnico",
    "results based": "resultados",
    "results based management": "gestion resultados",
    "data entry": "captura datos",
    "human resources": "recursos humanos",
    "atencion al publico": "atencion ciudadana",
    "atencion a publico": "atencion ciudadana",
    "atencion del publico": "atencion ciudadana",
    "servicio al publico": "atencion ciudadana",
    "atencion a la ciudadania": "atencion ciudadana",
    "atencion a ciudadanos": "atencion ciudadana",
    "trabajo en campo": "trabajo campo",
    "levantamiento de encuestas": "encuesta campo",
    "levantamiento de informacion": "encuesta campo",
    "visitas domiciliarias": "trabajo campo",
    "visitas domiciliares": "trabajo campo",
    "recorridos en campo": "trabajo campo",
    "recorridos territoriales": "trabajo campo",
    "trabajo territorial": "trabajo campo",
    "promocion del voto": "vinculacion ciudadana electoral",
    "capacitador asistente electoral": "capacitacion electoral trabajo campo ciudadana",
    "capacitadora asistente electoral": "capacitacion electoral trabajo campo ciudadana",
    "cae": "capacitacion electoral trabajo campo ciudadana",
    "supervisor electoral": "supervision capacitacion electoral trabajo campo",
    "supervisora electoral": "supervision capacitacion electoral trabajo campo",
    "gestion social": "vinculacion ciudadana",
    "participacion social": "participacion ciudadana",
    "desarrollo comunitario": "vinculacion ciudadana",
    "trabajo comunitario": "vinculacion ciudadana trabajo campo",
    "contraloria social": "vinculacion ciudadana seguimiento",
    "marco logico": "metodologia evaluacion",
    "matriz de indicadores": "metodologia evaluacion",
    "indicadores de desempeno": "evaluacion resultados",
    "gestion para resultados": "gestion resultados",
    "presupuesto basado en resultados": "presupuesto resultados",
    "mejora de procesos": "administracion procesos",
    "sociedad civil": "ciudadana",
    "organizaciones civiles": "ciudadana",
    "participacion ciudadana": "participacion ciudadana vinculacion",
    "social media": "redes sociales",
    "community manager": "redes sociales",
    "database administrator": "administracion bases datos",
    "bases de datos": "bases datos",
    "equipo de computo": "informatica",
    "tecnologias de la informacion": "informatica sistemas",
    "seleccion de personal": "recursos humanos",
    "capital humano": "recursos humanos",
    "talento humano": "recursos humanos",
    "servidores publicos": "",
    "servidor publico": "",
    "servidoras publicas": "",
    "casa por casa": "trabajo campo",
    "puerta en puerta": "trabajo campo",
    "door to door": "trabajo campo",
    "citizen participation": "participacion ciudadana vinculacion",
    "aplicaciones moviles": "sistemas informatica",
    "mobile apps": "sistemas informatica",
    "asistente electoral": "capacitacion electoral trabajo campo ciudadana",
    "politicas publicas": "programas",
    "public policy": "programas",
    "evaluacion de impacto": "evaluacion",
    "impact evaluation": "evaluacion",
    "microsoft office": "office",
    "ms office": "office",
    "paquete office": "office",
}
