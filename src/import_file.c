/*
 * import_file.c: an export file as `import` first meets it: read whole
 * and parsed (jansson, duplicate keys refused), then its format and
 * version checked before any record is read, since a newer version may
 * have changed any field.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "import.h"


/* Read and parse the file; CMD_FAIL when it cannot be read, CMD_USAGE
 * when it is not JSON. */
int
import_load(struct import_reader *r, const char *file, json_t **doc)
{
	FILE *fp = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
	json_error_t err;
	int rc = CMD_OK;

	if (fp == NULL)
		return error("cannot read '%s': %s", file, strerror(errno)),
		    CMD_FAIL;
	*doc = json_loadf(fp, JSON_REJECT_DUPLICATES, &err);
	if (ferror(fp)) {
		error("cannot read '%s': %s", file, strerror(errno));
		rc = CMD_FAIL;
		json_decref(*doc);
		*doc = NULL;
	} else if (*doc == NULL) {
		/* jansson quotes the text it stopped at, which may be the
		 * very bytes that are not UTF-8. */
		for (char *c = err.text; *c; c++)
			if ((unsigned char)*c < 0x20 || (unsigned char)*c > 0x7e)
				*c = '?';
		import_error(r, "", NULL, "not valid JSON at line %d, column "
		    "%d: %s", err.line, err.column, err.text);
		rc = CMD_USAGE;
	}
	if (fp != stdin)
		fclose(fp);
	return rc;
}

/* The file says what it is before anything else is read: a newer version
 * may have changed any field, so it is refused by its number alone. */
int
import_header(struct import_reader *r, json_t *doc)
{
	struct xfer_header h = { 0 };
	json_t *format = json_object_get(doc, "format");
	json_t *version = json_object_get(doc, "version");
	int rc = CMD_USAGE;

	if (!json_is_object(doc) || !json_is_string(format) ||
	    strcmp(json_string_value(format), XFER_FORMAT) != 0)
		return import_error(r, "", NULL, "not a calllog export "
		    "(no \"format\": \"" XFER_FORMAT "\")"), CMD_USAGE;
	if (json_is_integer(version) && json_integer_value(version) >
	    XFER_VERSION)
		return import_error(r, "", "version", "%lld is from a "
		    "newer calllog (this one reads version %d); upgrade calllog "
		    "to import it", (long long)json_integer_value(version),
		    XFER_VERSION), CMD_USAGE;
	if (json_is_integer(version) && json_integer_value(version) !=
	    XFER_VERSION)
		return import_error(r, "", "version", "%lld is not a "
		    "version calllog wrote (this one reads version %d)",
		    (long long)json_integer_value(version), XFER_VERSION),
		    CMD_USAGE;
	if (import_record(r, "", doc, xfer_header_fields, &h) == 0)
		rc = CMD_OK;
	free(h.format);
	return rc;
}
