"""Stage 5, publish: what the reader sees.

The tables (`tables`), charts (`charts`, `maps`) and their export in one browser (`chart_export`),
prose from the templates (`prose`), the PDF (`report`) with its fonts per script (`scripts`), how
records are named (`naming`), and the switch of the whole output set at once (`outputs`).
Imports from every stage below it.
"""
