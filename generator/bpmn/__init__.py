"""BPMN 2.0 in and out: every flow as a laid-out swimlane model, and BPMN files brought in as flows.

* :mod:`generator.bpmn.graph` turns a flow into BPMN's elements (a pool, a lane
  per role, events, user tasks, exclusive gateways with merge gateways where
  paths join, call activities, sequence flows), pure and deterministic.
* :mod:`generator.bpmn.layout` places them (BPMNDI) from the Graphviz layout the
  diagrams already compute: the rank order and in-lane order of the steps, on
  a grid of columns and horizontal lanes with edges routed in the free gutters.
* :mod:`generator.bpmn.writer` writes the BPMN XML text; :func:`export_flows`
  does all three for many flows with one batched, cached Graphviz run.
* :mod:`generator.bpmn.reader` and :mod:`generator.bpmn.importer` read BPMN
  written by any modeller (safely: no DTD, no entities) into steps;
  :mod:`generator.bpmn.steps` makes their links ones the format can say, and
  :mod:`generator.bpmn.yamltext` writes the flow file's YAML text.
* :mod:`generator.bpmn.command`: ``handbook export bpmn`` and ``handbook import bpmn``.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["BPMN_FOLDER", "bpmn_path", "export_flows", "flow_bpmn"]


def __getattr__(name: str) -> Any:
    """The export API, imported on first use: the command line registers ``export bpmn``
    and ``import bpmn`` without paying for Graphviz and the model on every command."""
    if name in __all__:
        return getattr(importlib.import_module("generator.bpmn.export"), name)
    raise AttributeError(f"module 'generator.bpmn' has no attribute '{name}'")
