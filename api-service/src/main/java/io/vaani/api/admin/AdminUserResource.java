package io.vaani.api.admin;

import io.smallrye.mutiny.Uni;
import io.vaani.api.admin.UserDtos.User;
import io.vaani.api.admin.UserDtos.UserChanges;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.rbac.Access;
import io.vaani.api.rbac.Requires;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/admin/users")
@Tag(name = "Platform administration")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Requires(Access.SUPERUSER)
public class AdminUserResource {
    private final Users users;

    AdminUserResource(Users users) {
        this.users = users;
    }

    @GET
    @Operation(summary = "List users", description = "Every user of the platform, optionally the one with an email.")
    public Uni<Page<User>> list(@QueryParam("email") String email, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return users.list(email == null || email.isBlank() ? null : email.strip(), PageQuery.of(limit, cursor));
    }

    @PATCH
    @Path("/{userId}")
    @Operation(summary = "Make a user superuser, or disable them")
    @APIResponse(responseCode = "409", description = "The last active superuser cannot be demoted or disabled")
    public Uni<User> update(@PathParam("userId") UUID userId, @NotNull UserChanges body) {
        return users.update(userId, body);
    }
}
