"""The answer to every question of the API, the CLI and the pages, defined once.

Each module answers one family of questions (entities, collaborations, regions, analytics,
paths, agreements) with plain functions over the store and the graph view, returning the
response models of serving.schemas. The HTTP routes (api/routes/), the CLI and the pages
(viz/) only parse their input, call these functions and present what they return; none of
them holds query logic. Errors a caller can fix are raised as serving.errors.BadParameter
or queries.errors.NotFound, which each interface translates (422 / 404 over HTTP).
"""
