package org.ganxun.identity;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The API description is for signed-in users, in every format it is served in. */
@IntegrationTest
class ApiDocsAccessTest {

    @Autowired MockMvc mvc;

    @Test
    void anonymousCallersGetNoApiDescription() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().is4xxClientError());
        mvc.perform(get("/v3/api-docs.yaml")).andExpect(status().is4xxClientError());
    }
}
