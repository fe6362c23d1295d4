"""process-handbook: business processes as YAML, validated and rendered as a staff handbook."""

__version__ = "0.1.0"
