"""Stage 1, read: the input folder and what is in it.

The folder walk and its safety rules (`untrusted`), the readers of text files with front matter
(`ingest`), saved pages and feeds (`readers`; what a page shows, its publisher and local day:
`pages`), publication dates (`published`), the lines that are not article content (`ingest`'s
boilerplate, `furniture` across articles), sentences and repeats, and the literal-word guards
that let a pattern skip text it cannot match (`literals`).
Imports only `models`, `errors` and `data`.
"""
