"""Diagrams drawn from the data the engine runs on: the topic flowchart and the workflows.

Sources are Graphviz DOT (built with the `graphviz` package and, for workflows, by the
`transitions` library's GraphMachine) and Mermaid; SVG comes from Graphviz's `dot` program.
"""
