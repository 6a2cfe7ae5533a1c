"""Output formats. Each module has render(results, ruleset, stream)."""

FORMATS = ("text", "json", "sarif", "github", "html")
