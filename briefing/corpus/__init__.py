"""Stage 4, corpus: what the articles say together.

The same event told by several articles (`merge`), each figure's event (`attach`), the key dates
(`keydates`) and key developments (`salience`), sums and counts for the charts (`aggregates`), the
window and the changes since the last build (`periods`). Imports from `read`, `dates` and `extract`.
"""
