package org.ganxun.learning;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.Fixture;
import org.springframework.stereotype.Component;

/** A county with its organisation department and one learner, and courses published there. */
@Component
public class LearningFixture {

    public final Fixture fixture;
    public final Courses courses;

    LearningFixture(Fixture fixture, Courses courses) {
        this.fixture = fixture;
        this.courses = courses;
    }

    /** A county, its organisation department's account, a cadre of it and the cadre's own account. */
    public record Learner(long county, CurrentUser admin, long cadre, CurrentUser me) {
    }

    /** A fresh county named after {@code place} with a cadre {@code name} who signs in as a learner. */
    public Learner learner(String place, String name) {
        long county = fixture.org(null, Fixture.unique(place), "COUNTY");
        CurrentUser admin = fixture.user(Fixture.unique("xxadm"), Role.ORG_DEPT_ADMIN, county, null, null);
        long cadre = fixture.cadre(name, county);
        CurrentUser me = fixture.user(Fixture.unique("xxxy"), Role.CADRE, null, null, cadre);
        return new Learner(county, admin, cadre, me);
    }

    /** A course the learner's department created, with {@code file} uploaded (its own length, or {@code minutes}), published. */
    public long published(Learner l, Courses.CourseForm form, String fileName, Integer minutes, byte[] file) {
        return fixture.as(l.admin(), () -> {
            Courses.Course c = courses.create(form);
            try {
                courses.upload(c.id(), fileName, minutes, new ByteArrayInputStream(file));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return courses.publish(c.id()).id();
        });
    }
}
