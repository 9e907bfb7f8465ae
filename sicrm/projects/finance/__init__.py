"""Budget, expenses, effort and revenue of a project (预算、费用与收益), and the
bid/no-bid signal of a presales project."""
