"""Pages of the agendas app, one module per area: the agenda and its parts, measures and monitoring,
the consultation, the exports."""
