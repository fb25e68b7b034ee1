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
        auxiliar auxiliares ayudante ayudantes asistente asistentes encargado encargada responsable jefe jefa jefatura subjefe
        subjefa director directora subdirector subdirectora gerente subgerente lider titular adjunto adjunta
        ejecutivo ejecutiva oficial secretario secretaria lic licenciado licenciada ing ingeniero ingeniera
        mtro mtra dr dra c cp sr sra puesto cargo depto departamento oficina unidad subdireccion dependencia
        dependencias empleado empleada colaborador colaboradora practicante becario becaria voluntario
        voluntaria ine ife inegi iecm iedf cdmx df mexico sat imss issste sep unam ipn uam conapo coneval
        infonavit pemex cfe shcp sedesol bienestar dif tepjf trife consultor consultora consultores sitio gobierno alcaldia delegacion municipio ayuntamiento
        empresa sa cv assistant officer manager head senior junior intern staff chief lead clerk specialist
        analista analistas despacho despachos tecnico tecnica tecnicos tecnicas operativo operativa
        alvaro obregon azcapotzalco benito juarez coyoacan cuajimalpa cuauhtemoc gustavo madero iztacalco
        iztapalapa magdalena contreras miguel hidalgo milpa tlahuac tlalpan venustiano carranza xochimilco
        edomex jalisco puebla oaxaca veracruz chiapas morelos queretaro guanajuato michoacan tlaxcala
        monterrey guadalajara toluca yucatan sonora chihuahua sinaloa tamaulipas tabasco campeche zacatecas
        durango coahuila nayarit colima aguascalientes ecatepec naucalpan nezahualcoyotl
        enlace vocal vocales analyst aux asist subdir dir tec esp dpto dto gob mpio edo sria srio ofna
        representative agent associate executive operador operadora operator
        inea conafe sibiso sectei fgj pgj ssc inmujeres injuve semovi sacmex ople ieem iepc
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
        personal publico publica publicos publicas direccion sector instituciones institucion social sociales gral
        politica politicas usuario usuarios user users
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
    "admtvo": "administracion",
    "admtva": "administracion",
    "adtvo": "administracion",
    "adtva": "administracion",
    "rrhh": "recursos humanos",
    "rh": "recursos humanos",
    "ciud": "ciudadana",
    "jur": "juridico",
    "contab": "contabilidad",
    "presup": "presupuesto",
    "elect": "electoral",
    "superv": "supervision",
    "supv": "supervision",
    "capac": "capacitacion",
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
    "database": "basedatos",
    "databases": "basedatos",
    "analysis": "analisis",
    "coordinator": "coordinacion",
    "coordination": "coordinacion",
    "election": "electoral",
    "elections": "electoral",
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
    # public-sector job language, grouped as in DOMAINS below
    "comunidad": "ciudadana",
    "comunidades": "ciudadana",
    "ciudadanias": "ciudadana",
    "vecino": "ciudadana",
    "vecina": "ciudadana",
    "territoriales": "territorial",
    "encuestar": "encuesta",
    "entrevistar": "entrevista",
    "censal": "censo",
    "censales": "censo",
    "surveyor": "encuesta campo",
    "enumerators": "encuesta campo",
    "planeaciones": "planeacion",
    "evaluaciones": "evaluacion",
    "evaluadores": "evaluacion",
    "evaluar": "evaluacion",
    "evaluating": "evaluacion",
    "evaluator": "evaluacion",
    "appraisal": "evaluacion",
    "monitorear": "seguimiento",
    "monitor": "seguimiento",
    "statistics": "estadistica",
    "statistician": "estadistica",
    "estadistico": "estadistica",
    "bioestadistica": "estadistica",
    "research": "investigacion",
    "researcher": "investigacion",
    "investigar": "investigacion",
    "procedures": "procedimientos",
    "quality": "calidad",
    "archivista": "archivo",
    "archivos": "archivo",
    "archiving": "archivo",
    "receptionist": "recepcion",
    "clerical": "captura archivo",
    "typist": "captura",
    "juridicas": "juridico",
    "juridicos": "juridico",
    "juridica": "juridico",
    "abogados": "juridico",
    "attorney": "juridico",
    "attorneys": "juridico",
    "lawyers": "juridico",
    "law": "derecho",
    "laws": "leyes",
    "litigation": "litigio",
    "litigator": "litigante",
    "contracts": "contratos",
    "contract": "contratos",
    "legislation": "legislacion",
    "regulations": "normatividad",
    "regulatory": "normatividad",
    "normas": "normatividad",
    "norma": "normatividad",
    "normativas": "normatividad",
    "notary": "notaria",
    "transparency": "transparencia",
    "mediation": "mediacion",
    "ti": "informatica",
    "tecnologia": "tecnologias",
    "technology": "tecnologias",
    "technologies": "tecnologias",
    "informatics": "informatica",
    "programadores": "desarrollo sistemas informatica",
    "programming": "desarrollo sistemas informatica",
    "developers": "desarrollo sistemas informatica",
    "development": "desarrollo",
    "coding": "desarrollo sistemas informatica",
    "servers": "servidores",
    "server": "servidores",
    "infrastructure": "infraestructura",
    "cybersecurity": "ciberseguridad",
    "helpdesk": "soporte helpdesk",
    "webmaster": "web desarrollo",
    "presupuestos": "presupuesto",
    "presupuestacion": "presupuesto",
    "budgets": "presupuesto",
    "budgeting": "presupuesto",
    "contabilidades": "contabilidad",
    "bookkeeping": "contabilidad",
    "bookkeeper": "contabilidad",
    "finance": "finanzas",
    "financial": "financiero",
    "treasury": "tesoreria",
    "tesorero": "tesoreria",
    "tesorera": "tesoreria",
    "payments": "pagos",
    "payment": "pagos",
    "suppliers": "proveedores",
    "vendors": "proveedores",
    "proveeduria": "adquisiciones",
    "compra": "adquisiciones",
    "inventory": "inventarios",
    "inventories": "inventarios",
    "warehouse": "almacen",
    "storekeeper": "almacen",
    "billing": "facturacion",
    "invoicing": "facturacion",
    "facturista": "facturacion",
    "cobrador": "cobranza",
    "cobradora": "cobranza",
    "hr": "recursos humanos",
    "capacitaciones": "capacitacion",
    "capacitar": "capacitacion",
    "adiestrador": "capacitacion",
    "courses": "cursos",
    "course": "cursos",
    "workshops": "talleres",
    "workshop": "talleres",
    "tallerista": "talleres",
    "facilitator": "facilitador",
    "instructional": "instruccional",
    "education": "educacion",
    "educational": "educativo",
    "educador": "educacion",
    "educadora": "educacion",
    "pedagogo": "pedagogia",
    "pedagoga": "pedagogia",
    "tutoring": "tutoria",
    "maestros": "maestro",
    "profesores": "profesor",
    "school": "escuela",
    "teachers": "docencia",
    "professor": "profesor",
    "lecturer": "profesor",
    "comunicologo": "comunicacion",
    "comunicologa": "comunicacion",
    "comunicador": "comunicacion",
    "comunicadora": "comunicacion",
    "difusor": "difusion",
    "redactar": "redaccion",
    "writer": "redaccion",
    "writing": "redaccion",
    "copywriting": "redaccion",
    "content": "contenidos",
    "disenador": "diseno grafico",
    "disenadora": "diseno grafico",
    "designer": "diseno grafico",
    "graphic": "grafico",
    "photographer": "fotografo",
    "photography": "fotografia",
    "videographer": "video",
    "journalism": "periodismo",
    "reporter": "reportero",
    "publicista": "publicidad",
    "advertising": "publicidad",
    "electivo": "electoral",
    "electivos": "electoral",
    "votaciones": "votacion",
    "sufragios": "sufragio",
    "observer": "observador",
    # jobs outside the catalog
    "vender": "ventas",
    "seller": "ventas",
    "salesman": "ventas",
    "salesperson": "ventas",
    "cashier": "cajero",
    "retail": "ventas",
    "store": "tienda",
    "waiter": "mesero",
    "waitress": "mesero",
    "cook": "cocinero",
    "kitchen": "cocina",
    "driver": "chofer",
    "nurse": "enfermeria",
    "nursing": "enfermeria",
    "doctor": "medico",
    "physician": "medico",
    "guard": "guardia",
    "security guard": "guardia",
    "mechanic": "mecanico",
    "construction": "construccion",
    "cleaning": "limpieza",
    "janitor": "intendencia",
    "hairdresser": "estilista",
    # laws by their acronym, for desirable knowledge items ("LGIPE", "LGTAIP")
    "lgipe": "legislacion electoral",
    "cipecm": "legislacion electoral",
    "cippcdmx": "legislacion electoral",
    "lgsmime": "impugnacion electoral",
    "lgtaip": "transparencia",
    "lftaip": "transparencia",
    "lgpdppso": "transparencia datos",
    "lgra": "responsabilidades administrativas",
    "lft": "legislacion laboral",
    "lfpa": "procedimiento administrativo",
    "laass": "adquisiciones arrendamientos",
    "laassp": "adquisiciones arrendamientos",
    # networks by name
    "facebook": "socialmedia",
    "twitter": "socialmedia",
    "instagram": "socialmedia",
    "tiktok": "socialmedia",
    "youtube": "socialmedia",
    "linkedin": "socialmedia",
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
    "help desk": "soporte helpdesk",
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
    "capacitador electoral": "capacitacion electoral trabajo campo ciudadana",
    "capacitadora electoral": "capacitacion electoral trabajo campo ciudadana",
    "programa social": "programas programassociales",
    "programas sociales": "programas programassociales",
    "apoyos sociales": "apoyos programassociales",
    "apoyo social": "apoyos programassociales",
    "programas del bienestar": "programas programassociales",
    "programas de bienestar": "programas programassociales",
    "linea de produccion": "manufactura",
    "planta de produccion": "manufactura",
    "planta industrial": "manufactura",
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
    "social media": "socialmedia",
    "community manager": "socialmedia",
    "redes sociales": "socialmedia",
    "red social": "socialmedia",
    "database administrator": "administracion basedatos",
    "bases de datos": "basedatos",
    "base de datos": "basedatos",
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
    # public-sector job language, grouped as in DOMAINS below
    "servidor de la nacion": "campo ciudadana beneficiarios",
    "servidora de la nacion": "campo ciudadana beneficiarios",
    "servidores de la nacion": "campo ciudadana beneficiarios",
    "mesa directiva": "casilla",
    "mesas directivas": "casilla",
    "funcionario de casilla": "casilla",
    "funcionarios de casilla": "casilla",
    "computo de resultados": "escrutinio resultados",
    "computos distritales": "escrutinio",
    "computo distrital": "escrutinio",
    "proceso electoral": "electoral",
    "procesos electorales": "electoral procesos",
    "jornada electoral": "electoral",
    "partido politico": "partidos",
    "partidos politicos": "partidos",
    "campana politica": "partidos",
    "campanas politicas": "partidos",
    "political campaign": "partidos",
    "seguridad de la informacion": "ciberseguridad",
    "seguridad informatica": "ciberseguridad",
    "seguridad de la red": "ciberseguridad",
    "seguridad de redes": "ciberseguridad",
    "information security": "ciberseguridad",
    "seguridad privada": "vigilancia",
    "seguridad intramuros": "vigilancia",
    "mesa de ayuda": "soporte helpdesk",
    "mesa de servicio": "soporte helpdesk",
    "mesa de servicios": "soporte helpdesk",
    "service desk": "soporte helpdesk",
    "it support": "soporte informatica",
    "it specialist": "informatica",
    "it manager": "informatica",
    "it technician": "soporte informatica",
    "it department": "informatica",
    "tecnologias de informacion": "informatica sistemas",
    "tecnologias de la informacion y comunicacion": "informatica sistemas",
    "system administrator": "administracion servidores",
    "systems administrator": "administracion servidores",
    "network administrator": "administracion redes",
    "full stack": "fullstack",
    "front end": "frontend",
    "back end": "backend",
    "centro de datos": "servidores",
    "data center": "servidores",
    "analisis de datos": "analisis datos",
    "ciencia de datos": "analisis datos",
    "data analysis": "analisis datos",
    "data analyst": "analisis datos",
    "data science": "analisis datos",
    "accounts payable": "pagos proveedores",
    "cuentas por pagar": "pagos proveedores",
    "cuentas por cobrar": "cobranza",
    "accounts receivable": "cobranza",
    "estados financieros": "contabilidad financiero",
    "conciliaciones bancarias": "contabilidad bancaria",
    "conciliacion bancaria": "contabilidad bancaria",
    "recursos financieros": "recursos financieros",
    "activo fijo": "inventarios",
    "organo interno de control": "contraloria",
    "organos internos de control": "contraloria",
    "control interno": "contraloria",
    "derechos humanos": "derechoshumanos",
    "human rights": "derechoshumanos",
    "igualdad de genero": "igualdad genero",
    "gender equality": "igualdad genero",
    "control patrimonial": "inventarios",
    "acceso a la informacion": "transparencia",
    "datos personales": "transparencia",
    "rendicion de cuentas": "transparencia",
    "relaciones publicas": "comunicacion",
    "public relations": "comunicacion",
    "comunicacion social": "comunicacion social",
    "monitoreo de medios": "medios seguimiento",
    "media monitoring": "medios seguimiento",
    "diseno grafico": "diseno grafico",
    "graphic design": "diseno grafico",
    "edicion de video": "video",
    "video editor": "video",
    "educacion civica": "educacion ciudadana",
    "civic education": "educacion ciudadana",
    "e learning": "elearning",
    "diseno instruccional": "instruccional diseno",
    "materiales didacticos": "materiales didacticos",
    "piso de ventas": "ventas",
    "agente de seguros": "ventas",
    "venta de seguros": "ventas",
    "bienes raices": "inmobiliaria",
    "atencion a clientes": "atencion cliente",
    "atencion al cliente": "atencion cliente",
    "maestro de obras": "obra",
    "maestro de obra": "obra",
    "operador de maquinaria": "maquinaria",
    "investigacion de mercados": "investigacion mercados",
    "market research": "investigacion mercados",
    "microsoft office": "office",
    "ms office": "office",
    "paquete office": "office",
}

# ---------------------------------------------------------------------------------------------------------------
# Concept families: the public-sector job language of each domain, grouped into concepts.
#
# domain -> concept -> words. A word of a candidate's text and a word of a required area that belong to the same
# concept are the same substance (match: "Recorridos en colonias" and "trabajo de campo"); two words of the same
# domain, or of neighbouring domains (NEIGHBOUR_DOMAINS), but of different concepts are related (review:
# "Estadística" and "evaluación de proyectos"); a text whose words belong only to other domains clearly
# belongs elsewhere (fail: "Cocinero" against an evaluation area). Words are matched as written (folded) and by
# stem, so one form of a word is enough; a word whose stem two concepts share is matched only as written.
# Generic, stop and role words and WORD_SYNONYMS keys never appear here: they are read before the families.
# A word that is equally at home in several domains ("administración", "gestión", "técnico") belongs to none.
DOMAINS: dict[str, dict[str, str]] = {
    # --- the domains of the catalog's positions -------------------------------------------------------------
    "citizens": {
        "citizen": """
            ciudadana quejas queja peticiones peticion ventanilla denuncias ciudadanas demandas gestoria
            gestorias colonos habitantes cesac locatel
            """,
        "participation": """
            participacion vinculacion asamblea asambleas comite comites consulta consultas democracia
            participativo participativa participativos copaco copacos concertacion dialogo foros foro
            colectivos ong ongs
            """,
        "social_programs": """
            beneficiarios beneficiaria beneficiario padron padrones beca becas pensiones programassociales
            """,
    },
    "field": {
        "field": """
            campo campos territorial territorio territorios recorridos recorrido brigada brigadas colonias colonia
            encuesta encuestas entrevista entrevistas censo censos levantamiento cuestionario cuestionarios
            domiciliaria domiciliarias domiciliario vivienda viviendas verificacion verificador verificadora
            barrido barridos intercensal
            """,
    },
    "evaluation": {
        "planning": """
            planeacion estrategica estrategico estrategicas estrategicos prospectiva programacion
            programatico programatica
            """,
        "evaluation": """
            evaluacion evaluaciones desempeno impacto diagnostico diagnosticos mir medicion valoracion
            """,
        "follow_up": """
            seguimiento resultados compromisos avance avances cumplimiento
            """,
        "methodology": """
            metodologia instrumentos instrumento modelo modelos
            """,
    },
    "statistics": {
        "statistics": """
            estadistica estadisticas estadistico estadisticos datos dato demografia demografico muestreo
            geoestadistica geoestadistico cartografia cartografico econometria
            probabilidad
            """,
        "research": """
            investigacion investigaciones investigador investigadora estudios estudio sondeo sondeos
            opinion mercados mercado
            """,
    },
    "administration": {
        "processes": """
            procesos procedimientos reingenieria calidad iso manuales normalizacion
            """,
    },
    "clerical": {
        "archives": """
            archivo archivos archivistica acervo acervos biblioteca bibliotecario bibliotecaria
            """,
        "clerical": """
            captura correspondencia oficios oficio oficialia recepcion recepcionista
            mecanografia office mensajeria documental expedientes expediente digitalizacion
            """,
    },
    "legal": {
        "legal": """
            juridico juridica juridicos juridicas derecho paralegal lawyer abogacia
            """,
        "litigation": """
            litigio litigios litigante juicio juicios amparo amparos contencioso contenciosos contenciosa
            demanda tribunal tribunales impugnacion impugnaciones sancionador sancionadores sancionadora
            procesal penal querella defensoria agravios
            """,
        "contracts": """
            contrato contratos convenio convenios contractual
            """,
        "norms": """
            normatividad normativa normativo legislacion ley leyes reglamento reglamentos reglamentacion
            lineamientos codigo dictamen dictamenes resolucion resoluciones acuerdos estatutos
            """,
        "notary": """
            notaria notario notarial escrituras
            """,
        "transparency": """
            transparencia rendicion
            """,
        "mediation": """
            mediacion conciliacion arbitraje mediador mediadora
            """,
        "compliance": """
            compliance
            """,
    },
    "it": {
        "it": """
            informatica sistemas tecnologias tecnologica tecnologico tic tics
            """,
        "development": """
            software desarrollador web java php python javascript frontend backend
            fullstack sql mysql oracle postgresql net tester testing scrum
            """,
        "infrastructure": """
            servidores servidor infraestructura telecomunicaciones linux windows unix sysadmin nube cloud
            devops conectividad cableado redes red
            """,
        "security": """
            ciberseguridad
            """,
        "support": """
            soporte helpdesk
            """,
        "databases": """
            basedatos dba
            """,
    },
    "resources": {
        "budget": """
            presupuesto presupuestal presupuestales presupuestario presupuestaria gasto gastos egresos
            """,
        "accounting": """
            contabilidad cuentas contable
            """,
        "finance": """
            finanzas financiero financiera financieros financieras fiscal fiscales impuestos tributario
            bancaria bancario bancarios banca
            """,
        "payments": """
            pago pagos tesoreria proveedores erogaciones
            """,
        "procurement": """
            adquisiciones licitacion licitaciones contratacion
            """,
        "billing": """
            facturacion factura facturas cobranza cobro cobros
            """,
    },
    "legislative": {
        "legislative": """
            legislativo legislativa diputado diputada diputados congreso cabildo regidor regidora regiduria
            concejal concejala senado senador senadora parlamentario
            """,
    },
    "rights": {
        "rights": """
            derechos derechoshumanos genero igualdad equidad inclusion discapacidad discriminacion violencia perspectiva
            interculturalidad indigenas
            """,
    },
    "audit": {
        "audit": """
            auditoria auditorias auditor auditora fiscalizacion contraloria
            """,
    },
    "human_resources": {
        "human_resources": """
            humanos nomina prestaciones plantilla reclutamiento
            """,
    },
    "logistics": {
        "inventory": """
            inventario inventarios almacen almacenes almacenista bodega bodegas embarques
            """,
    },
    "training": {
        "training": """
            capacitacion cursos curso talleres taller facilitador facilitadora diplomado diplomados
            adiestramiento
            """,
        "instruction": """
            didactico didacticos didactica didacticas instruccional elearning moodle
            """,
        "education": """
            educacion educativo educativa educativos educativas pedagogia pedagogico pedagogica aprendizaje
            aprendizajes ensenanza
            """,
        "teaching": """
            docencia docente docentes maestro maestra profesor profesora tutor tutora tutoria escuela
            escuelas escolar primaria secundaria bachillerato preparatoria preescolar alumnos estudiantes
            clase clases academico academica universidad vocacional ingles
            """,
    },
    "communication": {
        "communication": """
            comunicacion difusion vocero prensa medios boletines boletin
            """,
        "social_media": """
            socialmedia
            """,
        "content": """
            redaccion redactor redactora contenidos contenido copywriter editorial publicaciones
            sintesis
            """,
        "design": """
            grafico grafica graficos ilustracion ilustrador audiovisual audiovisuales video videos fotografia
            fotografo fotografa camarografo multimedia animacion edicion editor editora
            """,
        "journalism": """
            periodismo reportero reportera noticias locutor locutora radio television
            """,
        "marketing": """
            mercadotecnia marketing publicidad publicitaria publicitarias branding
            """,
    },
    "electoral": {
        "electoral": """
            electoral casilla casillas votacion voto votos sufragio escrutinio boletas consejo consejos
            sesiones distritos
            """,
        "politics": """
            partido partidos candidato candidata candidatos militante
            """,
        "observation": """
            observador observadora observacion
            """,
    },
    # --- domains of jobs outside the catalog: they make a text clearly belong elsewhere ---------------------
    "sales": {
        "sales": """
            ventas venta vendedor vendedora vendedores cajero cajera cajeros tienda tiendas mostrador
            carnicero carnicera joyero comisionista dependiente dependienta tiendita aseguradora aseguradoras
            mercancias mostradores promovendedor promovendedora demostradora
            demostrador merchandising mayorista distribuidora franquicia tianguis carniceria polleria
            farmacias perfumeria muebleria ropa calzado vinos licores celulares
            comercio comercial comerciante autoservicio automoviles autos
            telemarketing mercancia abarrotes boutique supermercado papeleria ferreteria refaccionaria
            zapateria joyeria mayoreo menudeo concesionaria inmobiliaria pedidos
            """,
    },
    "hospitality": {
        "hospitality": """
            mesero mesera restaurante restaurantes cocina cocinero cocinera chef barista bar cafeteria hotel
            taquero taquera mozo sobrecargo azafata
            meseros cocineros huespedes huesped recamarista camarista botones garrotero parrillero pizzeria
            tortilleria panadero panadera pastelero repostero cocinas hotelero hotelera turismo turistico
            turistica viajes hostal posada banquetero capitan sommelier antojitos comida comidas
            hoteleria banquetes alimentos bebidas lavaloza bodas bartender cantinero hostess fonda taqueria
            panaderia pasteleria reposteria catering turistas
            """,
    },
    "transport": {
        "transport": """
            chofer choferes repartidor repartidora reparto mensajero transportista
            montacarguista motociclista taxi traileros
            cargador cargadores estibador estibadores despachador despachadora marinero tractocamion mototaxi
            uber didi rappi
            autotransporte fletes mudanzas flotilla
            transporte taxista trailer montacargas grua camion camiones autobus vehicular
            """,
    },
    "health": {
        "health": """
            enfermeria enfermero enfermera medico medica hospital hospitales clinica salud paciente
            odontologo odontologa dentista dental dentales veterinario veterinaria
            mascotas urgencias
            laboratorista nutriologo nutriologa clinico clinicos clinicas medicina medicos medicas cirujano cirujana quirofano
            camillero fisioterapia fisioterapeuta radiologia optometrista terapeuta
            hospitalario hospitalaria vacunacion vacunas epidemiologia psiquiatria ginecologia pediatria
            pacientes farmacia odontologia nutricion paramedico
            """,
    },
    "security": {
        "security": """
            vigilante vigilancia guardia guardias custodio escolta intramuros policia policial velador
            vigilantes
            militar militares ejercito soldado soldados marino marinos guardaespaldas patrullero bombero bomberos
            monitorista
            """,
    },
    "trades": {
        "trades": """
            albanil albanileria mecanico mecanica electricista plomero plomeria carpintero carpinteria
            constructora constructoras
            tapicero vidriero hojalatero zapatero relojero electrodomesticos terrenos pavimentacion
            yesero cerrajero cerrajeria hojalateria vulcanizadora pintura pinturas acabados remodelacion
            remodelaciones electromecanico tornos
            herrero herreria soldador soldadura pintor obra obras construccion maquinaria tornero costurera
            tapiceria tablaroca impermeabilizacion refrigeracion vidrieria interiores decoracion
            """,
    },
    "industry": {
        "industry": """
            manufactura manufacturera automotriz autopartes maquila maquiladora ensamble ensambladora
            plasticos plastico inyeccion troqueles empacado envasado
            manufacturas
            obrero operario fabrica troquelado moldeo metalmecanica fundicion quimica quimicos petroquimica
            farmaceutica textil textiles embotelladora empacadora empaque calderas
            """,
    },
    "energy": {
        "energy": """
            petroleo petrolera petrolero petroleros pozos pozo perforacion hidrocarburos refineria
            gasolinera gasolina gasolineras mina mineria minero
            """,
    },
    "sports": {
        "sports": """
            deporte deportes deportivo deportiva deportivos deportivas golf futbol beisbol basquetbol
            tiro campamento campamentos
            salvavidas nadador acondicionamiento crossfit yoga karate boxeo
            voleibol tenis natacion atletismo gimnasio entrenador entrenadora arbitro caddie cancha canchas
            estadio
            """,
    },
    "cleaning": {
        "cleaning": """
            intendencia limpieza afanador afanadora conserje jardinero jardineria
            lavacoches autolavado
            """,
    },
    "personal_services": {
        "personal_services": """
            estilista belleza peluqueria barberia manicurista cosmetologia ninera moda modas confeccion
            edecan edecanes
            barbero masajista estetica planchado tatuador tatuajes pestanas guarderia costura boutiques
            sastre sastreria maquillaje maquillista spa lavanderia tintoreria pasarela
            """,
    },
    "agriculture": {
        "agriculture": """
            agricultura agricola ganaderia ganadero campesino cultivo cultivos cosecha jornalero siembra
            plantacion plantaciones
            avicultor avicultura agricultor agricultora aguacate fresa huerto cafetal frutas fruta agricolas ganaderos granja granjas vivero viveros establo
            sembradio sembradios parcela parcelas rancho huerta invernadero agropecuario agropecuaria
            ganado riego pesca pescador acuacultura tractor apicultura maiz frijol hortalizas sembrar
            cosechar
            """,
    },
}

# Domains of jobs that no catalog position asks for: sharing only a broad word with a required area
# ("organización", "atención", "procesos") does not keep a text of these for a person.
OUTSIDE_CATALOG: frozenset[str] = frozenset(
    {
        "sales",
        "hospitality",
        "transport",
        "health",
        "security",
        "trades",
        "industry",
        "energy",
        "sports",
        "cleaning",
        "personal_services",
        "agriculture",
    }
)

# Domains whose jobs share work: a word of one is related (review, never a match) to an area of the other.
NEIGHBOUR_DOMAINS: frozenset[frozenset[str]] = frozenset(
    frozenset(pair)
    for pair in (
        ("citizens", "electoral"),
        ("citizens", "field"),
        ("evaluation", "statistics"),
        ("statistics", "it"),
        ("statistics", "field"),
        ("training", "electoral"),
        ("legal", "electoral"),
        ("electoral", "field"),
        ("audit", "evaluation"),
        ("audit", "resources"),
        ("audit", "legal"),
        ("human_resources", "resources"),
        ("human_resources", "training"),
        ("legislative", "legal"),
        ("legislative", "citizens"),
        ("rights", "legal"),
        ("rights", "citizens"),
    )
)

# Words with more than one sense. Each is read in the sense its family in DOMAINS gives it, unless the rest of
# the text places it in one of the domains listed here and says nothing of its own domain (or a neighbour):
# "campo" is field work in "Supervisor de campo", a sports ground in "Entrenador en campo deportivo"; then it
# is a word of that domain, and it matches nothing of its family. Keys are folded; every inflection with the
# same stem is read the same way ("talleres", "taller").
AMBIGUOUS_WORDS: dict[str, tuple[str, ...]] = {
    "campo": ("agriculture", "sports", "energy"),
    "programacion": ("it",),
    "procesos": ("industry",),
    "calidad": ("industry",),
    "planeacion": ("hospitality",),
    "recorridos": ("hospitality",),
    "verificacion": ("transport",),
    "levantamiento": ("trades", "sales", "logistics"),
    "entrevistas": ("human_resources",),
    "viviendas": ("sales", "trades"),
    "sesiones": ("health",),
    "modelos": ("personal_services",),
    "diagnostico": ("health", "trades", "industry"),
    "talleres": ("trades", "industry"),
    "maestro": ("trades",),
    "cuentas": ("sales",),
    "ventanilla": ("resources",),
}

# Nouns that name a place or a thing when a qualifier follows them: in "campo de golf", "campo deportivo" or
# "campo petrolero" the qualifier says what the word is; only a qualifier of the word's own domain (or a
# neighbour) keeps its sense ("campo de encuestas"). Words here must be keys of AMBIGUOUS_WORDS.
QUALIFIED_NOUNS: frozenset[str] = frozenset({"campo"})
