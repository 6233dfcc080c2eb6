"""agreement-lint: check draft partnership and civic agreements against published principles.

The data flows one way: read -> parse -> model -> rules -> findings -> report.
"""

__version__ = "0.1.0"
