"""Stage 3, extract: what one article says by itself.

`article.extract_article` runs the parse (`parse`, `clauses`), events (`events`), figures
(`figures`), places and actors (`gazetteer`) and the per-source summary (`summaries`) over one
article, in a worker process (`workers`) or on a Dask worker. Imports from `read` and `dates`.
"""
