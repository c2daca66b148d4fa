package runtime

import (
	"context"
	"fmt"
	"iter"
	"strconv"
)

// listPage is one page of a Zoho list endpoint as a page iterator walks
// it: the page the generated fetch function asks for (see numberParam, tokenParam),
// and what the reply's info says of the next one, which fetch sets.
type listPage struct {
	// pageNumber counts pages from 1.
	pageNumber int
	// pageToken, when not "", is sent (page_token) instead of the page
	// number, since Zoho serves records beyond the 2,000th by token only.
	pageToken string
	// more and next are the reply's info.more_records and
	// info.next_page_token ("" when there is none); fetch sets them.
	more bool
	next string
}

// numberParam returns the value of an integer page parameter: nil when the
// page token is sent instead.
func (p *listPage) numberParam() *int64 {
	if p.pageToken != "" {
		return nil
	}
	n := int64(p.pageNumber)
	return &n
}

// numberTextParam is numberParam for a page parameter of type string.
func (p *listPage) numberTextParam() *string {
	if p.pageToken != "" {
		return nil
	}
	s := strconv.Itoa(p.pageNumber)
	return &s
}

// tokenParam returns the value of the page_token parameter: nil while the API
// has given none.
func (p *listPage) tokenParam() *string {
	if p.pageToken == "" {
		return nil
	}
	t := p.pageToken
	return &t
}

// deref returns *p, or the zero T when p is nil. Page iterators copy their
// params with it and read info's pointer fields.
func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// nullValue returns n's Value when it holds one, and the zero T otherwise.
// Page iterators read info's Nullable fields with it.
func nullValue[T any](n Nullable[T]) T {
	if !n.Valid {
		var zero T
		return zero
	}
	return n.Value
}

// paginate walks a Zoho list endpoint page by page and yields each record.
// The generated iterator methods call it with fetch, which gets one page:
// it sets the page parameter from page.numberParam (or numberTextParam)
// and, when the request takes one, page_token from page.tokenParam, calls
// the list operation, sets page.more and page.next from the reply's info
// and returns the reply's records.
//
// The walk stops when more is false or the consumer stops. An error from
// fetch, the context ending between pages, a page with no records but the
// promise of more, or a token repeated are yielded once, with the zero T,
// and end the walk; without those two checks a faulty answer would make
// the walk go on forever. Each range over the result starts again from the
// first page.
//
// Only yielding is compiled for each record type; the loop is walkPages,
// compiled once. paginate is kept out of line: inlined into each iterator
// method, its closures would be compiled there again, besides once for
// each record type.
//
//go:noinline
func paginate[T any](ctx context.Context, fetch func(page *listPage) ([]T, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		err := walkPages(ctx, func(page *listPage) (int, bool, error) {
			items, err := fetch(page)
			if err != nil {
				return 0, false, err
			}
			for _, it := range items {
				if !yield(it, nil) {
					return len(items), true, nil
				}
			}
			return len(items), false, nil
		})
		if err != nil {
			var zero T
			yield(zero, err)
		}
	}
}

// walkPages is the loop of paginate: it calls visit for page 1, 2, ...
// (or the page token the last reply gave), and returns nil when visit
// reports that the consumer stopped or the page's more is false, or the
// error that ends the walk (see paginate). visit yields the page's records
// and returns how many there were.
func walkPages(ctx context.Context, visit func(page *listPage) (records int, stopped bool, err error)) error {
	var page listPage
	for page.pageNumber = 1; ; page.pageNumber++ {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("page %d: %w", page.pageNumber, err)
		}
		page.more, page.next = false, ""
		records, stopped, err := visit(&page)
		switch {
		case err != nil:
			return fmt.Errorf("page %d: %w", page.pageNumber, err)
		case stopped || !page.more:
			return nil
		case records == 0:
			return fmt.Errorf("page %d: no records, but more_records is true", page.pageNumber)
		case page.next != "" && page.next == page.pageToken:
			return fmt.Errorf("page %d: next_page_token is the token of this page", page.pageNumber)
		}
		page.pageToken = page.next
	}
}
