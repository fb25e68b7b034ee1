"""Pure domain core of the screening service: catalog, rules, evaluation. No Flask, SQL or I/O."""

ENGINE_VERSION = "1.2.0"
