"""Full-text search: one narrow backend interface (`backend.py`), Whoosh with a jieba
tokenizer as the embedded backend, a durable index queue and the search pages."""
