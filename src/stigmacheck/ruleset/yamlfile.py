"""Read YAML while remembering the line of every value, so errors can name file:line.

Hostile YAML gets a YamlError, never a traceback or a hang: aliases are expanded at most
MAX_VALUES values in all (an alias bomb doubles them at every level), nesting is at most MAX_DEPTH
deep, and only the safe tags exist (`!!python/...` is an error with its line).
"""

from __future__ import annotations

import yaml

MAX_VALUES = 100_000
MAX_DEPTH = 100


class YamlError(Exception):
    def __init__(self, path: str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


class Located:
    """A loaded YAML document plus the 1-based line of each value, keyed by its path."""

    def __init__(self, data, lines: dict[tuple, int]):
        self.data = data
        self.lines = lines

    def line(self, path: tuple) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


def load_located(path: str, text: str) -> Located:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlError(path, line, f"ongeldige YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise YamlError(path, 1, f"ongeldige YAML: {exc}") from None
    except RecursionError:  # the composer recurses once per level of nesting
        raise YamlError(path, 1, f"de YAML is te diep genest (meer dan {MAX_DEPTH} niveaus)") from None
    lines: dict[tuple, int] = {}
    if node is None:
        return Located(None, lines)
    constructor = yaml.SafeLoader(text)
    try:
        data = _Converter(constructor, path, lines).convert(node, (), 0)
    finally:
        constructor.dispose()
    return Located(data, lines)


class _Converter:
    def __init__(self, constructor, filename: str, lines: dict):
        self.constructor, self.filename, self.lines = constructor, filename, lines
        self.count = 0

    def fail(self, node, message: str):
        raise YamlError(self.filename, node.start_mark.line + 1, message)

    def convert(self, node, path, depth: int):
        self.count += 1
        if self.count > MAX_VALUES:
            self.fail(node, f"meer dan {MAX_VALUES:,} waarden (herhaalde aliassen met *?)".replace(",", "."))
        if depth > MAX_DEPTH:
            self.fail(node, f"de YAML is te diep genest (meer dan {MAX_DEPTH} niveaus)")
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            out = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self.fail(key_node, "een sleutel moet een enkele waarde zijn, geen lijst of tabel")
                key = self.scalar(key_node)
                if key in out:
                    self.fail(key_node, f"sleutel '{key}' staat er twee keer")
                self.lines[path + (key,)] = key_node.start_mark.line + 1
                out[key] = self.convert(value_node, path + (key,), depth + 1)
                self.lines[path + (key,)] = key_node.start_mark.line + 1
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node):
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.fail(node, f"de YAML-tag '{tag}' is niet toegestaan: alleen tekst, getallen, true/false, "
                            "datums, lijsten en tabellen")
        except yaml.YAMLError as exc:
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            self.fail(node, f"ongeldige YAML: {problem}")
