"""JSON bodies read without surprises: a body nested deeper than Python's recursion limit
(2,000 brackets) raised RecursionError inside the parser, a 500; it is a 400 like any
other body that is not the JSON asked for."""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError("JSON nested too deeply") from error
