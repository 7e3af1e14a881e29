package org.invitations.invitation;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link Status} as its CRM code, so the database reads like the wire. */
@Converter
public class StatusConverter implements AttributeConverter<Status, Integer> {

    @Override
    public Integer convertToDatabaseColumn(Status status) {
        return status == null ? null : status.code();
    }

    @Override
    public Status convertToEntityAttribute(Integer code) {
        return code == null ? null : Status.ofCode(code);
    }
}
