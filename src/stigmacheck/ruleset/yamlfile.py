"""Read YAML while remembering the line of every value, so errors can name file:line."""

from __future__ import annotations

import yaml


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
    lines: dict[tuple, int] = {}
    if node is None:
        return Located(None, lines)
    constructor = yaml.SafeLoader(text)
    try:
        data = _convert(node, (), lines, constructor, path)
    finally:
        constructor.dispose()
    return Located(data, lines)


def _convert(node, path, lines, constructor, filename):
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node, deep=True)
            if key in out:
                raise YamlError(filename, key_node.start_mark.line + 1, f"sleutel '{key}' staat er twee keer")
            lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = _convert(value_node, path + (key,), lines, constructor, filename)
            lines[path + (key,)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), lines, constructor, filename) for i, item in enumerate(node.value)]
    return constructor.construct_object(node, deep=True)
