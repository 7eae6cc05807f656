package io.vaani.api.upload;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A line of an uploaded file that was not taken, and why. */
@Schema(name = "LineError")
public record LineError(@Schema(examples = "17") long line, @Schema(examples = "phone: not a valid number for region US") String reason) {
}
