package runtime

import (
	"io"
	"mime/multipart"
	"net/textproto"
)

// formPart is one part of a multipart/form-data body: a plain value, or a
// file when file is not nil.
type formPart struct {
	name  string
	value string
	// file is read as the body is sent, never buffered whole; it is not
	// closed.
	file     io.Reader
	fileName string
	// contentType is the file's type; "" means application/octet-stream.
	contentType string
}

// valuePart appends to parts the part name with the text of *v, unless v
// is nil.
func valuePart[T paramValue](parts []formPart, name string, v *T) []formPart {
	if v == nil {
		return parts
	}
	return append(parts, formPart{name: name, value: paramText(*v)})
}

// filePart appends to parts the file part name with the content of file
// and its file name, unless file is nil.
func filePart(parts []formPart, name string, file io.Reader, fileName string) []formPart {
	if file == nil {
		return parts
	}
	return append(parts, formPart{name: name, file: file, fileName: fileName})
}

// setMultipart sends parts as a multipart/form-data body. The body is
// written through a pipe while the request is sent, so files are streamed,
// not held in memory. A body with files can be sent once only, so such a
// request is never retried; one with values alone can be.
func (r *request) setMultipart(parts []formPart) {
	// The boundary is chosen once so that the Content-Type header, set
	// before any body is opened, matches every attempt's body.
	boundary := multipart.NewWriter(io.Discard).Boundary()
	r.contentType = "multipart/form-data; boundary=" + boundary
	open := func() io.ReadCloser { return pipeMultipart(boundary, parts, nil) }
	for _, p := range parts {
		if p.file != nil {
			r.body = oneShot(open)
			return
		}
	}
	r.body = func() (io.ReadCloser, error) { return open(), nil }
}

// pipeMultipart returns a reader of the multipart/form-data body made of
// parts with the given boundary, written by a goroutine through a pipe as
// it is read. done, when not nil, is called once the body is written or
// the writing failed, for example to close the parts' files.
func pipeMultipart(boundary string, parts []formPart, done func()) io.ReadCloser {
	pr, pw := io.Pipe()
	go func() {
		mw := multipart.NewWriter(pw)
		err := mw.SetBoundary(boundary)
		if err == nil {
			err = writeParts(mw, parts)
		}
		if err == nil {
			err = mw.Close()
		}
		if done != nil {
			done()
		}
		// A nil err closes the pipe with io.EOF. When the reader side is
		// closed early, writes fail and the goroutine ends.
		pw.CloseWithError(err)
	}()
	return pr
}

// writeParts writes every part to mw in order.
func writeParts(mw *multipart.Writer, parts []formPart) error {
	for _, p := range parts {
		if p.file == nil {
			if err := mw.WriteField(p.name, p.value); err != nil {
				return err
			}
			continue
		}
		ct := p.contentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		h := make(textproto.MIMEHeader)
		h.Set("Content-Disposition", multipart.FileContentDisposition(p.name, p.fileName))
		h.Set("Content-Type", ct)
		w, err := mw.CreatePart(h)
		if err != nil {
			return err
		}
		if _, err := io.Copy(w, p.file); err != nil {
			return err
		}
	}
	return nil
}
