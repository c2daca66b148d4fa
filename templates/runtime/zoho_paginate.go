package runtime

import (
	"context"
	"fmt"
	"iter"
)

// paginate walks a Zoho list endpoint page by page and yields each record.
// The generated iterator methods call it with fetch, which gets one page:
// page counts pages from 1, and pageToken is "" for the first page and
// while the API uses page numbers. When pageToken is not "", fetch must
// send it (page_token) instead of page, since Zoho serves records beyond
// the 2,000th by token only. fetch returns the page's records, whether
// more exist (info.more_records) and the next token (info.next_page_token,
// "" when there is none).
//
// The walk stops when more is false or the consumer stops. An error from
// fetch, the context ending between pages, a page with no records but the
// promise of more, or a token repeated are yielded once, with the zero T,
// and end the walk; without those two checks a faulty answer would make
// the walk go on forever. Each range over the result starts again from the
// first page.
func paginate[T any](ctx context.Context, fetch func(ctx context.Context, page int, pageToken string) (items []T, more bool, nextToken string, err error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		token := ""
		for page := 1; ; page++ {
			if err := ctx.Err(); err != nil {
				yield(zero, fmt.Errorf("page %d: %w", page, err))
				return
			}
			items, more, next, err := fetch(ctx, page, token)
			if err != nil {
				yield(zero, fmt.Errorf("page %d: %w", page, err))
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if !more {
				return
			}
			if len(items) == 0 {
				yield(zero, fmt.Errorf("page %d: no records, but more_records is true", page))
				return
			}
			if next != "" && next == token {
				yield(zero, fmt.Errorf("page %d: next_page_token is the token of this page", page))
				return
			}
			token = next
		}
	}
}
